import type { CollectionConfig } from 'payload'

import { nobody } from '@access/nobody'
import { readReviewRecords } from '@access/readReviewRecords'
import { chainReviewRecord } from '@/audit/chainRecord'
import { notifyDecision } from '@/notifications/notifyDecision'
import { refuseChange } from '@/workflow/service/permanentRecords'
import { EDITORIAL_STAGES } from '@/workflow/stages'
import { EDITORIAL_ACTIONS } from '@/workflow/transitions'
import { exportRecordsEndpoint } from './endpoints/exportRecords'

/**
 * One row per editorial decision. Written only by Signoff's workflow code, never changed, and
 * chained per article by hash (src/audit/) so a change made below Payload shows.
 */
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
    beforeChange: [
      ({ operation, data, req }) =>
        operation === 'update' ? refuseChange() : chainReviewRecord({ data, req }),
    ],
    beforeDelete: [refuseChange],
    // Every decision, whichever door took it, tells the person whose turn it is.
    afterChange: [notifyDecision],
  },
  endpoints: [exportRecordsEndpoint],
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
    {
      name: 'previousHash',
      type: 'text',
      // A fork (two records after the same one) is refused: the chain stays a line.
      unique: true,
      admin: { readOnly: true, description: "The hash of the article's record before this one." },
    },
    {
      name: 'hash',
      type: 'text',
      index: true,
      admin: {
        readOnly: true,
        description: 'SHA-256 of this record and the one before: `npm run audit:verify` checks it.',
      },
    },
    { name: 'articleWriter', type: 'relationship', relationTo: 'users', admin: { hidden: true } },
    { name: 'articleAuthor', type: 'relationship', relationTo: 'authors', admin: { hidden: true } },
  ],
}
