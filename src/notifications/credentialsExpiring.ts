import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import { areCredentialsCurrent } from '@/workflow/credentials'

import { NOTIFICATION_QUEUE, queueNotification } from './queueNotification'
import { isFirstTime } from './remembered'
import { DAY_MS } from '@/shared/time'

const WARN_DAYS = 30

/**
 * Tells each reviewer whose credentials run out within 30 days, and the admins, once per expiry
 * date: renewing sets a new date, and a warning for that one in its turn. Returns how many.
 */
export const notifyExpiringCredentials = async ({
  payload,
  req,
  now = new Date(),
}: {
  payload: Payload
  req?: PayloadRequest
  now?: Date
}): Promise<number> => {
  const { docs } = await payload.find({
    collection: 'medical-reviewers',
    where: {
      credentialsVerifiedUntil: {
        less_than_equal: new Date(now.getTime() + WARN_DAYS * DAY_MS).toISOString(),
      },
    },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    select: { name: true, credentialsVerifiedUntil: true },
    req,
  })
  let count = 0
  for (const profile of docs) {
    const until = profile.credentialsVerifiedUntil
    // Already expired: the approve guard and the admin's warning say so; this warns ahead.
    if (!until || !areCredentialsCurrent({ verifiedUntil: until, now })) {
      continue
    }
    const key = `credentialsExpiring:${profile.id}:${until.slice(0, 10)}`
    if (await isFirstTime({ payload, req, key })) {
      await queueNotification({
        payload,
        req,
        event: 'credentialsExpiring',
        reviewer: { id: profile.id, name: profile.name },
        date: until,
        now,
      })
      count += 1
    }
  }
  return count
}

export const credentialsExpiryTask: TaskConfig<{ input: object; output: { warned: number } }> = {
  slug: 'warnExpiringCredentials',
  label: 'Warn of reviewer credentials that expire within 30 days',
  retries: 2,
  schedule: [{ cron: '0 6 * * *', queue: NOTIFICATION_QUEUE }],
  handler: async ({ req }) => ({
    output: { warned: await notifyExpiringCredentials({ payload: req.payload, req }) },
  }),
}
