import type { CollectionConfig } from 'payload'

import { editorsWriteEveryoneReads } from '@access/editorsWriteEveryoneReads'
import { safeRichText } from '@fields/safeRichText'
import { keepOneDefault } from '@/disclaimers/keepOneDefault'

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
