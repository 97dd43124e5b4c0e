import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import { notificationRetryDelayMs, serverUrl } from '@/config/env'
import { sendEmailNow } from '@/email/emailAdapter'
import { idOf } from '@/shared/idOf'

import type { Notice } from './events'
import { NOTIFICATION_QUEUE } from './queueNotification'
import { renderDigest } from './templates'

/**
 * Sends each person who chose the daily digest one e-mail with what waited for them, and forgets
 * what was sent. A digest that cannot be sent waits for the retry; the others are not held back.
 */
export const sendDigests = async ({
  payload,
  req,
}: {
  payload: Payload
  req?: PayloadRequest
}): Promise<{ sent: number }> => {
  const { docs } = await payload.find({
    collection: 'notification-digest-items',
    pagination: false,
    depth: 0,
    sort: 'createdAt',
    overrideAccess: true,
    req,
  })
  const byRecipient = new Map<string, { recipient: number | string | null; items: typeof docs }>()
  for (const item of docs) {
    const recipient = idOf(item.recipient)
    const entry = byRecipient.get(String(recipient)) ?? { recipient, items: [] }
    entry.items.push(item)
    byRecipient.set(String(recipient), entry)
  }
  let sent = 0
  const failed: string[] = []
  for (const { recipient, items } of byRecipient.values()) {
    const user =
      recipient === null
        ? null
        : await payload.findByID({
            collection: 'users',
            id: recipient,
            depth: 0,
            overrideAccess: true,
            disableErrors: true,
            req,
          })
    if (user) {
      const message = renderDigest({
        notices: items.map((item) => item.notice as Notice),
        serverUrl: serverUrl(),
      })
      try {
        await sendEmailNow({ payload, message: { to: user.email, ...message } })
        sent += 1
      } catch (error) {
        failed.push(`${user.email}: ${(error as Error).message}`)
        continue
      }
    }
    await payload.delete({
      collection: 'notification-digest-items',
      where: { id: { in: items.map((item) => item.id) } },
      overrideAccess: true,
      req,
    })
  }
  if (failed.length) {
    throw new Error(`Could not send ${failed.length} digest(s): ${failed.join('; ')}`)
  }
  return { sent }
}

export const sendDigestsTask: TaskConfig<{ input: object; output: { sent: number } }> = {
  slug: 'sendNotificationDigests',
  label: 'E-mail the daily notification digests',
  retries: {
    attempts: 5,
    backoff: { type: 'exponential', delay: notificationRetryDelayMs() },
  },
  schedule: [{ cron: '0 7 * * *', queue: NOTIFICATION_QUEUE }],
  handler: async ({ req }) => ({ output: await sendDigests({ payload: req.payload, req }) }),
}
