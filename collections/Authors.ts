import type { CollectionConfig } from 'payload'

import { editorsWriteEveryoneReads } from '@access/editorsWriteEveryoneReads'
import { editorsOrOwnProfile } from '@access/editorsOrOwnProfile'
import { disclosuresField } from '@fields/disclosuresField'
import { slugField } from '@fields/slugField'

export const Authors: CollectionConfig = {
  slug: 'authors',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'profession', 'affiliation', 'disclosures'],
    group: 'People',
  },
  access: editorsWriteEveryoneReads,
  fields: [
    { name: 'name', type: 'text', required: true },
    slugField({ from: 'name' }),
    {
      name: 'profession',
      type: 'text',
      admin: { description: 'The credential readers see, e.g. "Physiotherapist".' },
    },
    {
      name: 'affiliation',
      type: 'text',
      admin: { description: 'e.g. "Western Sydney University".' },
    },
    { name: 'bio', type: 'textarea' },
    { name: 'photo', type: 'upload', relationTo: 'media' },
    disclosuresField(),
    {
      name: 'user',
      type: 'relationship',
      relationTo: 'users',
      access: { read: editorsOrOwnProfile('author') },
      admin: { description: 'The Signoff account that writes as this author.' },
    },
  ],
}
