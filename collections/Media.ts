import path from 'node:path'

import type { CollectionConfig } from 'payload'

import { anyone } from '@access/anyone'
import { evidenceAccess } from '@access/evidenceAccess'
import {
  guardEvidenceChange,
  guardEvidenceDelete,
  guardFileReplacement,
  hashUploadedFile,
} from '@/evidence/guardEvidence'
import { evidenceChanged } from '@/evidence/evidenceChanged'
import { mediaFileHeaders } from '@/evidence/mediaCacheControl'
import { missingFileIsNotFound } from '@/evidence/missingFileIsNotFound'
import { nobodyField } from '@access/nobody'
import { createdByField } from '@fields/createdByField'
import { dataDir } from '@/config/env'

export const Media: CollectionConfig = {
  slug: 'media',
  admin: { useAsTitle: 'alt', group: 'Evidence' },
  access: evidenceAccess,
  upload: {
    staticDir: path.join(dataDir(), 'media'),
    mimeTypes: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
    // Paste-from-URL makes the server fetch any address it is given (SSRF): upload files only.
    pasteURL: false,
    modifyResponseHeaders: mediaFileHeaders({ isPublic: evidenceAccess?.read === anyone }),
    handlers: [missingFileIsNotFound({ staticDir: path.join(dataDir(), 'media') })],
  },
  hooks: {
    beforeOperation: [guardFileReplacement],
    beforeChange: [hashUploadedFile, guardEvidenceChange],
    afterChange: [evidenceChanged],
    beforeDelete: [guardEvidenceDelete],
  },
  fields: [
    {
      name: 'sha256',
      type: 'text',
      index: true,
      access: { create: nobodyField, update: nobodyField },
      admin: {
        readOnly: true,
        position: 'sidebar',
        description: 'A hash of the file: a reviewer signs off this exact image.',
      },
    },
    createdByField(),
    {
      name: 'alt',
      type: 'text',
      required: true,
      maxLength: 300,
      admin: { description: 'What the image shows, for readers who cannot see it.' },
    },
  ],
}
