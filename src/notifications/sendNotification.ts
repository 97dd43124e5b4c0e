import type { TaskConfig } from 'payload'

import { notificationRetryDelayMs, serverUrl } from '@/config/env'
import { sendEmailNow } from '@/email/emailAdapter'
import { idOf } from '@/shared/idOf'

import type { Notice } from './events'
import { renderNotice } from './templates'

/** E-mails one notification; a mail server that refuses fails the attempt and Payload retries with backoff. */
export const sendNotificationTask: TaskConfig<{
  input: { recipient: number | string | { id: number | string }; notice: Notice }
  output: { sent: boolean }
}> = {
  slug: 'sendNotification',
  label: 'E-mail a notification',
  retries: {
    attempts: 5,
    backoff: { type: 'exponential', delay: notificationRetryDelayMs() },
  },
  inputSchema: [
    { name: 'recipient', type: 'relationship', relationTo: 'users', required: true },
    { name: 'notice', type: 'json', required: true },
  ],
  outputSchema: [{ name: 'sent', type: 'checkbox' }],
  handler: async ({ input, req }) => {
    const id = idOf(input.recipient)
    const user =
      id === null
        ? null
        : await req.payload.findByID({
            collection: 'users',
            id,
            depth: 0,
            overrideAccess: true,
            disableErrors: true,
            req,
          })
    // An account deleted since: nobody to tell.
    if (!user) {
      return { output: { sent: false } }
    }
    const message = renderNotice({ notice: input.notice, serverUrl: serverUrl() })
    await sendEmailNow({ payload: req.payload, message: { to: user.email, ...message } })
    return { output: { sent: true } }
  },
}
