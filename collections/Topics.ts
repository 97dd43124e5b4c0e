import type { CollectionConfig } from 'payload'

import { editorsWriteEveryoneReads } from '@access/editorsWriteEveryoneReads'
import { slugField } from '@fields/slugField'
import { TOPIC_SCHEMA_TYPES } from '@/shared/structuredData'

export const Topics: CollectionConfig = {
  slug: 'topics',
  admin: { useAsTitle: 'name', group: 'Evidence' },
  access: editorsWriteEveryoneReads,
  fields: [
    { name: 'name', type: 'text', required: true },
    slugField({ from: 'name' }),
    {
      name: 'schemaType',
      type: 'select',
      required: true,
      defaultValue: 'Thing',
      options: [...TOPIC_SCHEMA_TYPES],
      admin: {
        description:
          'What search engines are told this topic is: "Lower back" is an AnatomicalStructure, "Sciatica" a MedicalCondition.',
      },
    },
  ],
}
