import type { CollectionConfig } from 'payload'

import { editorsWriteEveryoneReads } from '@access/editorsWriteEveryoneReads'
import { slugField } from '@fields/slugField'

export const Topics: CollectionConfig = {
  slug: 'topics',
  admin: { useAsTitle: 'name', group: 'Evidence' },
  access: editorsWriteEveryoneReads,
  fields: [{ name: 'name', type: 'text', required: true }, slugField({ from: 'name' })],
}
