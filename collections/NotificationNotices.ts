import type { CollectionConfig } from 'payload'

import { nobody } from '@access/nobody'

/**
 * Notices already given once (a review due on a date, credentials expiring on a date), so a sweep
 * that runs every hour tells people once (src/notifications/remembered.ts). No API door opens it.
 */
export const NotificationNotices: CollectionConfig = {
  slug: 'notification-notices',
  labels: { singular: 'Notice given', plural: 'Notices given' },
  admin: { hidden: true },
  graphQL: false,
  lockDocuments: false,
  access: {
    create: nobody,
    read: nobody,
    update: nobody,
    delete: nobody,
    readVersions: nobody,
    unlock: nobody,
  },
  fields: [{ name: 'key', type: 'text', required: true, unique: true, index: true }],
}
