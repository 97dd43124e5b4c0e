import type { ArrayFieldValidation, DateFieldValidation, Field } from 'payload'
import { array, date } from 'payload/shared'

import {
  DISCLOSURE_MAX_AGE_MONTHS,
  DISCLOSURE_STATUSES,
  declaredAtProblem,
  statementsProblem,
} from '@/disclosures/rules'
import type { DisclosureInput } from '@/disclosures/rules'

/** The group as saved: Payload hands each field the merged stored and incoming values. */
const groupOf = (siblingData: unknown): DisclosureInput => (siblingData ?? {}) as DisclosureInput

/** Payload's own checks (row limits, a real date), then the disclosure's rules. */
const validStatements: ArrayFieldValidation = (value, args) => {
  const checked = array(value, args)
  return checked === true
    ? (statementsProblem({
        status: groupOf(args.siblingData).status,
        statements: value as DisclosureInput['statements'],
      }) ?? true)
    : checked
}

const validDeclaredAt: DateFieldValidation = (value, args) => {
  const checked = date(value, args)
  return checked === true
    ? (declaredAtProblem({
        status: groupOf(args.siblingData).status,
        declaredAt: value as DisclosureInput['declaredAt'],
        now: new Date(),
      }) ?? true)
    : checked
}

/**
 * A person's conflicts of interest, shown to readers with the articles they write or review: a
 * status chosen on purpose (empty means "not declared yet"), the interests when there are any, and
 * the day they were declared. The admin warns when it is missing or older than 12 months.
 */
export const disclosuresField = (): Field => ({
  name: 'disclosures',
  type: 'group',
  label: 'Conflicts of interest',
  admin: {
    description: `Shown to readers with every article this person writes or reviews. Renew at least every ${DISCLOSURE_MAX_AGE_MONTHS} months.`,
    components: { Cell: '/src/admin/DisclosureWarning#DisclosureCell' },
  },
  fields: [
    {
      name: 'warning',
      type: 'ui',
      admin: { components: { Field: '/src/admin/DisclosureWarning#DisclosureWarning' } },
    },
    {
      name: 'status',
      type: 'radio',
      options: DISCLOSURE_STATUSES.map(({ label, value }) => ({ label, value })),
      admin: {
        description:
          'Left empty, readers are told nothing was declared yet; "None declared" is a statement the person made.',
      },
    },
    {
      name: 'statements',
      type: 'array',
      labels: { singular: 'Interest', plural: 'Interests' },
      maxRows: 20,
      validate: validStatements,
      admin: {
        description:
          'Only with "Declared": one line each, e.g. "Consulting fees from Acme Pharma (2025)".',
      },
      fields: [{ name: 'statement', type: 'textarea', required: true, maxLength: 1000 }],
    },
    {
      name: 'declaredAt',
      type: 'date',
      label: 'Date declared',
      validate: validDeclaredAt,
      // With the year: the 12-month rule turns on it.
      admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMM yyyy' } },
    },
  ],
})
