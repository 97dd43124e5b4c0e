import type { CollectionConfig } from 'payload'

import { evidenceAccess } from '@access/evidenceAccess'

import { guardEvidenceChange, guardEvidenceDelete } from '@/evidence/guardEvidence'
import { evidenceChanged } from '@/evidence/evidenceChanged'
import {
  DOI_PATTERN,
  PMID_PATTERN,
  SOURCE_TYPES,
  hasText,
  isWebUrl,
  requireLocator,
} from '@/evidence/sources'
import { createdByField } from '@fields/createdByField'

export const Sources: CollectionConfig = {
  slug: 'sources',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'publisher', 'year', 'sourceType'],
    group: 'Evidence',
  },
  access: evidenceAccess,
  hooks: {
    beforeChange: [guardEvidenceChange],
    afterChange: [evidenceChanged],
    beforeDelete: [guardEvidenceDelete],
    beforeValidate: [requireLocator],
  },
  fields: [
    createdByField(),
    { name: 'title', type: 'text', required: true, maxLength: 500 },
    {
      name: 'authors',
      type: 'text',
      maxLength: 1000,
      admin: { description: 'As cited, e.g. "Hoy D, Bain C, Williams G, et al."' },
    },
    {
      name: 'publisher',
      type: 'text',
      maxLength: 300,
      admin: { description: 'Journal or organisation.' },
    },
    { name: 'year', type: 'number', min: 1800, max: 2100 },
    {
      name: 'url',
      type: 'text',
      maxLength: 2000,
      validate: (value: unknown) =>
        !hasText(value) || isWebUrl(value) || 'The URL must start with https:// or http://.',
    },
    {
      name: 'doi',
      type: 'text',
      maxLength: 300,
      validate: (value: unknown) =>
        !hasText(value) ||
        DOI_PATTERN.test(value) ||
        'A DOI looks like 10.1002/art.34347 (starts with "10.", then a slash).',
    },
    {
      name: 'pmid',
      type: 'text',
      maxLength: 9,
      validate: (value: unknown) =>
        !hasText(value) || PMID_PATTERN.test(value) || 'A PubMed ID is digits only, e.g. 22231424.',
    },
    {
      name: 'sourceType',
      type: 'select',
      required: true,
      options: [...SOURCE_TYPES],
      admin: { description: 'Tertiary sources cannot be cited in a published article.' },
    },
  ],
}
