import type { CollectionConfig } from 'payload'

import { internalOnly } from '@access/nobody'

/**
 * Messages waiting for a person's daily digest (src/notifications/digest.ts): written when an
 * event happens, removed when the digest is sent. No API door opens it.
 */
export const NotificationDigestItems: CollectionConfig = {
  slug: 'notification-digest-items',
  labels: { singular: 'Digest item', plural: 'Digest items' },
  ...internalOnly(),
  fields: [
    // Not required: deleting the account sets it to null, and the digest then drops the item.
    { name: 'recipient', type: 'relationship', relationTo: 'users', index: true },
    { name: 'notice', type: 'json', required: true },
  ],
}
