import type { CollectionConfig } from 'payload'

import { isAdmin } from '@access/isAdmin'
import { isEditor } from '@access/isEditor'
import { nobody } from '@access/nobody'
import { RETRACTIONS } from '@/shared/collections'
import { hasRole } from '@/shared/roles'
import { importRetractionsEndpoint } from './endpoints/importRetractions'

/**
 * The retraction list: one row per notice (Retraction Watch / Crossref), loaded in bulk by
 * `npm run retractions:import` or `POST /api/retractions/import`, never edited by hand. A source
 * whose DOI or PubMed ID has a retraction here cannot be published (src/retractions/).
 */
export const Retractions: CollectionConfig = {
  slug: RETRACTIONS,
  labels: { singular: 'Retraction', plural: 'Retractions' },
  admin: {
    useAsTitle: 'doi',
    defaultColumns: ['doi', 'pmid', 'retractionNature', 'retractionDate'],
    group: 'Evidence',
    hidden: ({ user }) => !hasRole(user as Parameters<typeof hasRole>[0], 'admin'),
    description: 'Imported from a retraction list; see docs/governance.md.',
  },
  // Imports write in bulk; nobody edits a notice in the admin, so there is nothing to lock.
  lockDocuments: false,
  access: {
    create: nobody,
    read: isEditor,
    update: nobody,
    delete: isAdmin,
    readVersions: nobody,
    unlock: nobody,
  },
  endpoints: [importRetractionsEndpoint],
  fields: [
    // doi|pmid|nature: the same notice imported twice is one row.
    { name: 'key', type: 'text', required: true, unique: true, admin: { hidden: true } },
    { name: 'doi', label: 'DOI', type: 'text', index: true, admin: { readOnly: true } },
    { name: 'pmid', label: 'PubMed ID', type: 'text', index: true, admin: { readOnly: true } },
    { name: 'retractionDate', type: 'date', admin: { readOnly: true } },
    {
      name: 'retractionNature',
      type: 'text',
      required: true,
      admin: {
        readOnly: true,
        description: 'Only "Retraction" blocks publishing; corrections and concerns are kept.',
      },
    },
  ],
}
