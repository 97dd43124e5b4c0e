import { APIError } from 'payload'
import type { Access, CollectionConfig, Where } from 'payload'

import { hasRole } from '@/shared/roles'
import { nobody } from '@access/nobody'
import { idOf } from '@/shared/idOf'
import { EDITORIAL_STAGES } from '@/workflow/stages'
import { EDITORIAL_ACTIONS } from '@/workflow/transitions'

/** Editors and reviewers read every decision; writers the decisions on their own articles. */
const readReviewRecords: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor', 'reviewer')) {
    return true
  }
  if (!user || !hasRole(user, 'writer')) {
    return false
  }
  const author = idOf(user.author)
  const own: Where[] = [{ articleWriter: { equals: user.id } }]
  if (author !== null) {
    own.push({ articleAuthor: { equals: author } })
  }
  return { or: own }
}

const immutable = () => {
  throw new APIError(
    'Review records are permanent: they cannot be changed or deleted.',
    403,
    undefined,
    true,
  )
}

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
    beforeChange: [({ operation, data }) => (operation === 'update' ? immutable() : data)],
    beforeDelete: [immutable],
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
