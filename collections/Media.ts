import path from 'node:path'

import type { CollectionConfig } from 'payload'

import { anyone } from '../access/anyone'
import { announceChange, announceDelete } from '../src/delivery/announceChange'
import {
  markDependentsStale,
  markDependentsStaleOnDelete,
} from './PublishedArticles/hooks/markDependentsStale'
import { isWriter } from '../access/isWriter'
import { isEditor } from '../access/isEditor'
import { dataDir } from '../src/config/env'

export const Media: CollectionConfig = {
  slug: 'media',
  admin: { useAsTitle: 'alt', group: 'Evidence' },
  access: {
    create: isWriter,
    read: anyone,
    update: isWriter,
    delete: isEditor,
    readVersions: isEditor,
    unlock: isWriter,
  },
  upload: {
    staticDir: path.join(dataDir(), 'media'),
    mimeTypes: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
    // Paste-from-URL makes the server fetch any address it is given (SSRF): upload files only.
    pasteURL: false,
  },
  hooks: {
    afterChange: [announceChange, markDependentsStale],
    beforeDelete: [markDependentsStaleOnDelete],
    afterDelete: [announceDelete],
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      required: true,
      maxLength: 300,
      admin: { description: 'What the image shows, for readers who cannot see it.' },
    },
  ],
}
