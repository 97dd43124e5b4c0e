import type { Field } from 'payload'

import { authenticatedField } from '@access/authenticated'
import { nobodyField } from '@access/nobody'

/** Who added the document: set by the server on create, never by a client, not public. */
export const createdByField = (): Field => ({
  name: 'createdBy',
  type: 'relationship',
  relationTo: 'users',
  access: { create: nobodyField, update: nobodyField, read: authenticatedField },
  admin: { position: 'sidebar', readOnly: true },
  hooks: {
    beforeChange: [
      ({ operation, req, value, originalDoc }) =>
        operation === 'create'
          ? (req.user?.id ?? value ?? null)
          : (originalDoc?.createdBy ?? value),
    ],
  },
})
