import type { CollectionConfig } from 'payload'

import { editorsWriteEveryoneReads } from '@access/editorsWriteEveryoneReads'
import { slugField } from '@fields/slugField'
import { TOPIC_SCHEMA_TYPES } from '@/shared/structuredData'
import { MAX_INTERVAL_MONTHS, MIN_INTERVAL_MONTHS } from '@/workflow/reviewInterval'

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
    {
      name: 'reviewIntervalMonths',
      type: 'number',
      min: MIN_INTERVAL_MONTHS,
      max: MAX_INTERVAL_MONTHS,
      admin: {
        step: 1,
        description:
          'Months a medical review of articles on this topic stays current (3–36); an article on several topics takes the shortest. Empty: the default (REVIEW_INTERVAL_MONTHS).',
      },
    },
  ],
}
