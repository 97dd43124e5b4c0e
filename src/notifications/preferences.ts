import type { Field } from 'payload'

import { NOTIFICATION_KINDS } from './events'

/** The `notifications` group on an account: one checkbox per kind (on by default), and the digest. */
export const notificationPreferences: Field = {
  name: 'notifications',
  type: 'group',
  label: 'E-mail notifications',
  admin: { description: 'What Signoff e-mails you about. Untick a kind to stop it.' },
  fields: [
    ...Object.entries(NOTIFICATION_KINDS).map(([name, label]): Field => ({
      name,
      label,
      type: 'checkbox',
      defaultValue: true,
    })),
    {
      name: 'digest',
      type: 'select',
      label: 'When',
      defaultValue: 'immediate',
      options: [
        { label: 'At once, one e-mail each', value: 'immediate' },
        { label: 'Once a day, in one e-mail', value: 'daily' },
      ],
    },
  ],
}
