'use client'
import { useFormFields } from '@payloadcms/ui'
import React from 'react'

import { disclosureStanding, disclosureWarning } from '@/disclosures/rules'

/** On an author's or reviewer's profile: a visible warning while their disclosure is missing or old. */
export const DisclosureWarning = () => {
  const status = useFormFields(([fields]) => fields['disclosures.status']?.value) as
    string | undefined
  const declaredAt = useFormFields(([fields]) => fields['disclosures.declaredAt']?.value) as
    string | undefined
  const problem = disclosureWarning({ status, declaredAt, now: new Date() })
  if (!problem) {
    return null
  }
  return (
    <p
      role="alert"
      className="signoff-disclosure-warning"
      style={{ color: '#991b1b', fontWeight: 600 }}
    >
      {problem}
    </p>
  )
}

const CELL_TEXT = { 'never-declared': 'Not declared yet', outdated: 'Outdated' } as const

/** The list's "Conflicts of interest" column: the day declared, or what is wrong with it. */
export const DisclosureCell = ({ cellData }: { cellData?: unknown }) => {
  const { status, declaredAt } = (cellData ?? {}) as { status?: string; declaredAt?: string }
  const standing = disclosureStanding({ status, declaredAt, now: new Date() })
  const day = declaredAt?.slice(0, 10)
  if (standing === 'current') {
    return <span data-disclosure="current">{day}</span>
  }
  return (
    <span
      data-disclosure={standing}
      style={{ color: '#991b1b', fontWeight: 600, whiteSpace: 'nowrap' }}
    >
      {standing === 'outdated' ? `${CELL_TEXT.outdated} (${day})` : CELL_TEXT[standing]}
    </span>
  )
}
