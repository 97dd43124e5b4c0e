import type { CollectionConfig } from 'payload'

import { anyone } from '../access/anyone'
import { announceChange, announceDelete } from '../src/delivery/announceChange'
import { isEditor } from '../access/isEditor'
import { slugField } from '../fields/slugField'

export const Topics: CollectionConfig = {
  slug: 'topics',
  admin: { useAsTitle: 'name', group: 'Evidence' },
  access: {
    create: isEditor,
    read: anyone,
    update: isEditor,
    delete: isEditor,
    readVersions: isEditor,
    unlock: isEditor,
  },
  hooks: { afterChange: [announceChange], afterDelete: [announceDelete] },
  fields: [{ name: 'name', type: 'text', required: true }, slugField({ from: 'name' })],
}
