import type { CollectionConfig } from 'payload'

import { anyone } from '../access/anyone'
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
  fields: [{ name: 'name', type: 'text', required: true }, slugField({ from: 'name' })],
}
