import { commitTransaction, initTransaction, killTransaction } from 'payload'
import type { PayloadRequest } from 'payload'

import type { ScheduledAction, User } from '@payload-types'
import { SCHEDULED_ACTIONS } from '@/shared/collections'
import { statusFor } from '@/shared/refusals'
import type { Refusal } from '@/shared/refusals'
import { fingerprintOf } from '@/workflow/transitions'
import { decide } from '@/workflow/service/decide'
import { loadArticleForUser } from '@/workflow/service/loadArticleForUser'

import { SCHEDULE_QUEUE } from '../schedules'
import type { SchedulableAction } from '../schedules'

type Outcome =
  | { ok: true; schedule: ScheduledAction }
  | { ok: false; response: Response }
  | { ok: false; status: number; refusals: Refusal[] }

/**
 * Sets a publish or archive for later: the transition table is asked now, as the editor (so what
 * would be refused now is refused now), the schedule is kept with the fingerprint of what the
 * editor saw, and a job on the `schedules` queue waits for the time. When it comes, the job takes
 * the same decision through the same table again (src/schedules/service/applySchedule.ts).
 */
export const scheduleAction = async ({
  req,
  action,
  at,
  viewedFingerprint,
}: {
  req: PayloadRequest
  action: SchedulableAction
  at: Date
  viewedFingerprint?: string
}): Promise<Outcome> => {
  const shouldCommit = await initTransaction(req)
  try {
    const loaded = await loadArticleForUser(req)
    if (loaded.response) {
      await killTransaction(req)
      return { ok: false, response: loaded.response }
    }
    const { doc, user } = loaded
    // Asked as at the scheduled time: credentials that lapse before then are refused now.
    const decision = await decide({ req, doc, action, viewedFingerprint, now: at })
    if (!decision.result.ok) {
      await killTransaction(req)
      return {
        ok: false,
        status: statusFor(decision.result.refusals),
        refusals: decision.result.refusals,
      }
    }
    const { docs: waiting } = await req.payload.find({
      collection: SCHEDULED_ACTIONS,
      where: {
        and: [
          { article: { equals: doc.id } },
          { action: { equals: action } },
          { status: { equals: 'scheduled' } },
        ],
      },
      limit: 1,
      depth: 0,
      overrideAccess: true,
      req,
    })
    if (waiting[0]) {
      await killTransaction(req)
      const refusals: Refusal[] = [
        {
          code: 'ALREADY_SCHEDULED',
          message: `This article is already scheduled to ${action} at ${waiting[0].at}: cancel that first (POST /api/scheduled-actions/${waiting[0].id}/cancel).`,
        },
      ]
      return { ok: false, status: statusFor(refusals), refusals }
    }
    const schedule = await req.payload.create({
      collection: SCHEDULED_ACTIONS,
      data: {
        article: doc.id,
        articleTitle: doc.title ?? null,
        action,
        at: at.toISOString(),
        status: 'scheduled',
        scheduledBy: user.id,
        scheduledByName: (user as User).name ?? null,
        fingerprint: action === 'publish' ? fingerprintOf(decision.article) : null,
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
    await req.payload.jobs.queue({
      task: 'applyScheduledAction',
      input: { schedule: schedule.id },
      queue: SCHEDULE_QUEUE,
      waitUntil: at,
      req,
    })
    if (shouldCommit) {
      await commitTransaction(req)
    }
    return { ok: true, schedule }
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
