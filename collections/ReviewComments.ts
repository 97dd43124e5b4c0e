import type { CollectionConfig } from 'payload'

import {
  createReviewComments,
  deleteReviewComments,
  readReviewComments,
  updateReviewComments,
} from '@access/reviewComments'
import { nobody, nobodyField } from '@access/nobody'
import {
  MAX_QUOTE_LENGTH,
  hideUnreadableComments,
  prepareComment,
} from '@/comments/service/prepareComment'
import { announceComment } from '@/comments/service/announceComment'
import { guardCommentChange, keepReviewedComments } from '@/comments/service/guardCommentChange'

/** Set by the server when the comment is made; nobody changes it afterwards. */
const setOnCreate = { access: { update: nobodyField } } as const
/** Written by the server only. */
const serverOwned = { access: { create: nobodyField, update: nobodyField } } as const

/**
 * Comments on a passage of an article under review, and replies to them. The comments room
 * (src/comments/) anchors them and keeps them; they never reach the delivery API.
 */
export const ReviewComments: CollectionConfig = {
  slug: 'review-comments',
  labels: { singular: 'Review comment', plural: 'Review comments' },
  admin: {
    useAsTitle: 'body',
    defaultColumns: ['article', 'quote', 'body', 'authorName', 'status', 'createdAt'],
    group: 'Content',
  },
  access: {
    create: createReviewComments,
    read: readReviewComments,
    update: updateReviewComments,
    delete: deleteReviewComments,
    readVersions: nobody,
    unlock: nobody,
  },
  hooks: {
    beforeOperation: [hideUnreadableComments],
    beforeValidate: [prepareComment],
    beforeChange: [guardCommentChange],
    afterChange: [announceComment],
    beforeDelete: [keepReviewedComments],
  },
  defaultSort: '-createdAt',
  fields: [
    {
      name: 'article',
      type: 'relationship',
      relationTo: 'articles',
      required: true,
      index: true,
      ...setOnCreate,
    },
    {
      name: 'parent',
      type: 'relationship',
      relationTo: 'review-comments',
      index: true,
      admin: { description: 'The comment this one replies to.' },
      ...setOnCreate,
    },
    {
      name: 'quote',
      type: 'textarea',
      maxLength: MAX_QUOTE_LENGTH,
      admin: { description: 'The passage of the body the comment is about.' },
      ...setOnCreate,
    },
    {
      name: 'anchor',
      type: 'group',
      admin: { description: 'Where the quote was in the body when the comment was made.' },
      ...setOnCreate,
      fields: [
        { name: 'blockPath', type: 'json' },
        { name: 'start', type: 'number' },
        { name: 'end', type: 'number' },
      ],
    },
    { name: 'body', type: 'textarea', required: true, maxLength: 5000 },
    { name: 'author', type: 'relationship', relationTo: 'users', ...serverOwned },
    { name: 'authorName', type: 'text', ...serverOwned },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'open',
      index: true,
      options: [
        { label: 'Open', value: 'open' },
        { label: 'Resolved', value: 'resolved' },
      ],
    },
    { name: 'resolvedBy', type: 'relationship', relationTo: 'users', ...serverOwned },
    {
      name: 'resolvedAt',
      type: 'date',
      admin: { date: { pickerAppearance: 'dayAndTime' } },
      ...serverOwned,
    },
  ],
}
