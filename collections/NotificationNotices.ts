import type { CollectionConfig } from 'payload'

import { internalOnly } from '@access/nobody'

/**
 * Notices already given once (a review due on a date, credentials expiring on a date), so a sweep
 * that runs every hour tells people once (src/notifications/remembered.ts). No API door opens it.
 */
export const NotificationNotices: CollectionConfig = {
  slug: 'notification-notices',
  labels: { singular: 'Notice given', plural: 'Notices given' },
  ...internalOnly(),
  fields: [{ name: 'key', type: 'text', required: true, unique: true, index: true }],
}
