import type { CollectionAfterChangeHook, CollectionConfig } from 'payload'

import { editorsWriteEveryoneReads } from '@access/editorsWriteEveryoneReads'
import { safeRichText } from '@fields/safeRichText'

/** One default at a time: making this one the default clears the flag elsewhere. */
const keepOneDefault: CollectionAfterChangeHook = async ({ doc, req }) => {
  if (doc.isDefault) {
    await req.payload.update({
      collection: 'disclaimers',
      where: { and: [{ isDefault: { equals: true } }, { id: { not_equals: doc.id } }] },
      data: { isDefault: false },
      req,
    })
  }
  return doc
}

export const Disclaimers: CollectionConfig = {
  slug: 'disclaimers',
  admin: { useAsTitle: 'title', defaultColumns: ['title', 'isDefault'], group: 'Evidence' },
  access: editorsWriteEveryoneReads,
  hooks: {
    afterChange: [keepOneDefault],
  },
  fields: [
    { name: 'title', type: 'text', required: true },
    safeRichText({ name: 'text', required: true }),
    {
      name: 'isDefault',
      type: 'checkbox',
      defaultValue: false,
      admin: { description: 'New articles get the default disclaimer.' },
    },
  ],
}
