import type { CollectionConfig } from 'payload'

import { isEditor } from '@access/isEditor'
import { nobody } from '@access/nobody'
import { SCHEDULED_ACTIONS } from '@/shared/collections'
import { hasRole } from '@/shared/roles'
import { SCHEDULABLE_ACTIONS, SCHEDULE_STATUSES } from '@/schedules/schedules'
import { cancelScheduleEndpoint } from './endpoints/cancelSchedule'

/**
 * Decisions an editor set for a later time (publish at, archive at). Written only by the workflow
 * (`POST /api/articles/:id/workflow` with `"at"`), applied by the `schedules` jobs queue through
 * the same transition table, and kept with their outcome: applied, refused (and why) or cancelled.
 */
export const ScheduledActions: CollectionConfig = {
  slug: SCHEDULED_ACTIONS,
  labels: { singular: 'Scheduled decision', plural: 'Scheduled decisions' },
  admin: {
    useAsTitle: 'articleTitle',
    defaultColumns: ['articleTitle', 'action', 'at', 'status', 'scheduledByName', 'outcome'],
    group: 'Content',
    hidden: ({ user }) => !hasRole(user as Parameters<typeof hasRole>[0], 'admin', 'editor'),
    description:
      'Publish and archive decisions set for a later time. Cancel one from its article, or with POST /api/scheduled-actions/:id/cancel.',
  },
  // Written by the workflow only; nobody edits one in the admin, so there is nothing to lock.
  lockDocuments: false,
  access: {
    create: nobody,
    read: isEditor,
    update: nobody,
    delete: nobody,
    readVersions: nobody,
    unlock: nobody,
  },
  endpoints: [cancelScheduleEndpoint],
  defaultSort: 'at',
  fields: [
    { name: 'article', type: 'relationship', relationTo: 'articles', required: true, index: true },
    { name: 'articleTitle', type: 'text' },
    { name: 'action', type: 'select', required: true, options: [...SCHEDULABLE_ACTIONS] },
    {
      name: 'at',
      type: 'date',
      required: true,
      index: true,
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'scheduled',
      index: true,
      options: [...SCHEDULE_STATUSES],
    },
    { name: 'scheduledBy', type: 'relationship', relationTo: 'users' },
    { name: 'scheduledByName', type: 'text' },
    // What the editor saw when scheduling a publish: nothing else goes live at the time.
    { name: 'fingerprint', type: 'text' },
    { name: 'outcome', type: 'textarea' },
    { name: 'outcomeAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'refusals', type: 'json' },
  ],
}
