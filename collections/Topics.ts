import type { CollectionConfig } from 'payload'

import { editorsWriteEveryoneReads } from '@access/editorsWriteEveryoneReads'
import { announceChange, announceDelete } from '@/delivery/announceChange'
import { markDependentsStale, markDependentsStaleOnDelete } from '@/readModel/markDependentsStale'
import { slugField } from '@fields/slugField'

export const Topics: CollectionConfig = {
  slug: 'topics',
  admin: { useAsTitle: 'name', group: 'Evidence' },
  access: editorsWriteEveryoneReads,
  hooks: {
    afterChange: [announceChange, markDependentsStale],
    beforeDelete: [markDependentsStaleOnDelete],
    afterDelete: [announceDelete],
  },
  fields: [{ name: 'name', type: 'text', required: true }, slugField({ from: 'name' })],
}
