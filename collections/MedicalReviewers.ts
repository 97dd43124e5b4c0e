import type { CollectionConfig, TextFieldSingleValidation } from 'payload'
import { text } from 'payload/shared'

import { editorsWriteEveryoneReads } from '@access/editorsWriteEveryoneReads'
import { editorsOrOwnProfile } from '@access/editorsOrOwnProfile'
import { disclosuresField } from '@fields/disclosuresField'
import { slugField } from '@fields/slugField'
import { plainNameBesideHonorific } from '@/validation/personName'

/** Payload's own checks on a text field, then no title in front of the name when an honorific is set. */
const plainName: TextFieldSingleValidation = (value, args) => {
  const checked = text(value, args)
  const { honorific } = args.siblingData as { honorific?: unknown }
  return checked === true ? plainNameBesideHonorific({ name: value, honorific }) : checked
}

export const MedicalReviewers: CollectionConfig = {
  slug: 'medical-reviewers',
  labels: { singular: 'Medical reviewer', plural: 'Medical reviewers' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'position', 'affiliation', 'credentialsVerifiedUntil', 'disclosures'],
    group: 'People',
  },
  access: editorsWriteEveryoneReads,
  fields: [
    {
      name: 'credentialsWarning',
      type: 'ui',
      admin: { components: { Field: '/src/admin/CredentialsWarning#CredentialsWarning' } },
    },
    {
      name: 'name',
      type: 'text',
      required: true,
      admin: { description: 'Without a title: "Gina Arena", with "Dr" in Honorific.' },
      validate: plainName,
    },
    slugField({ from: 'name' }),
    { name: 'honorific', type: 'text', admin: { description: 'e.g. "Dr".' } },
    { name: 'position', type: 'text', admin: { description: 'e.g. "Research Fellow".' } },
    { name: 'affiliation', type: 'text' },
    { name: 'qualifications', type: 'text', admin: { description: 'e.g. "PhD, MPH".' } },
    {
      name: 'registrationNumber',
      type: 'text',
      access: { read: editorsOrOwnProfile('medicalReviewer') },
      admin: { description: 'Professional registration (e.g. AHPRA). Never shown publicly.' },
    },
    { name: 'specialties', type: 'relationship', relationTo: 'topics', hasMany: true },
    {
      name: 'credentialsVerifiedUntil',
      type: 'date',
      index: true,
      admin: {
        description:
          'Until this day the reviewer may approve articles; renew after checking registration.',
        date: { pickerAppearance: 'dayOnly' },
      },
    },
    disclosuresField(),
    {
      name: 'user',
      type: 'relationship',
      relationTo: 'users',
      access: { read: editorsOrOwnProfile('medicalReviewer') },
      admin: { description: 'The Signoff account that reviews as this person.' },
    },
  ],
}
