import type { CollectionConfig } from 'payload'

import { nobody } from '@access/nobody'
import { readReviewRecords } from '@access/readReviewRecords'
import { notifyDecision } from '@/notifications/notifyDecision'
import { refuseChange } from '@/workflow/service/permanentRecords'
import { EDITORIAL_STAGES } from '@/workflow/stages'
import { EDITORIAL_ACTIONS } from '@/workflow/transitions'

/** One row per editorial decision. Written only by Signoff's workflow code, never changed. */
export const ReviewRecords: CollectionConfig = {
  slug: 'review-records',
  labels: { singular: 'Review record', plural: 'Review records' },
  admin: {
    useAsTitle: 'action',
    defaultColumns: ['article', 'action', 'actorName', 'note', 'at'],
    group: 'Content',
  },
  access: {
    create: nobody,
    read: readReviewRecords,
    update: nobody,
    delete: nobody,
    readVersions: nobody,
    unlock: nobody,
  },
  hooks: {
    // Access rules stop every API door; these stop trusted code (overrideAccess) as well.
    beforeChange: [({ operation, data }) => (operation === 'update' ? refuseChange() : data)],
    beforeDelete: [refuseChange],
    // Every decision, whichever door took it, tells the person whose turn it is.
    afterChange: [notifyDecision],
  },
  defaultSort: '-at',
  fields: [
    { name: 'article', type: 'relationship', relationTo: 'articles', required: true, index: true },
    { name: 'articleTitle', type: 'text' },
    { name: 'versionId', type: 'text' },
    {
      name: 'action',
      type: 'select',
      required: true,
      options: [...EDITORIAL_ACTIONS],
    },
    { name: 'fromStage', type: 'select', options: [...EDITORIAL_STAGES] },
    { name: 'toStage', type: 'select', options: [...EDITORIAL_STAGES] },
    { name: 'actor', type: 'relationship', relationTo: 'users' },
    { name: 'actorName', type: 'text' },
    { name: 'note', type: 'textarea' },
    { name: 'fingerprint', type: 'text' },
    {
      name: 'attestation',
      type: 'textarea',
      admin: { description: 'What the reviewer confirmed, as the admin showed it.' },
    },
    {
      name: 'reviewerCredentials',
      type: 'group',
      admin: { description: "The reviewer's credentials when they approved." },
      fields: [
        { name: 'qualifications', type: 'text' },
        { name: 'verifiedUntil', type: 'date' },
      ],
    },
    {
      name: 'at',
      type: 'date',
      required: true,
      index: true,
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    { name: 'articleWriter', type: 'relationship', relationTo: 'users', admin: { hidden: true } },
    { name: 'articleAuthor', type: 'relationship', relationTo: 'authors', admin: { hidden: true } },
  ],
}
