import type { PayloadRequest } from 'payload'

import type { ScheduledAction, User } from '@payload-types'
import { SCHEDULED_ACTIONS } from '@/shared/collections'
import { idOf } from '@/shared/idOf'
import { statusFor } from '@/shared/refusals'
import type { Refusal } from '@/shared/refusals'
import { mayTake } from '@/workflow/transitions'
import { loadArticleForUser } from '@/workflow/service/loadArticleForUser'
import { toActor, toWorkflowArticle } from '@/workflow/service/loadWorkflowArticle'

type Outcome =
  { ok: true; schedule: ScheduledAction } | { ok: false; status: number; refusals: Refusal[] }

const refused = (refusal: Refusal): Outcome => ({
  ok: false,
  status: statusFor([refusal]),
  refusals: [refusal],
})

/**
 * Cancels a scheduled decision that is still waiting. Whoever may take the decision may cancel
 * it (the transition table's `who`); the schedule stays, marked cancelled and by whom.
 */
export const cancelSchedule = async ({
  req,
  id,
  now = new Date(),
}: {
  req: PayloadRequest
  id: string
  now?: Date
}): Promise<Outcome> => {
  const user = req.user as User | null
  if (!user) {
    return refused({ code: 'UNAUTHENTICATED', message: 'Log in first.' })
  }
  const schedule = /^[0-9a-f]{1,24}$/i.test(id)
    ? await req.payload.findByID({
        collection: SCHEDULED_ACTIONS,
        id,
        depth: 0,
        overrideAccess: false,
        user,
        req,
        disableErrors: true,
      })
    : null
  // The article as this person may see it: a schedule on an article they cannot see is not theirs.
  const loaded = schedule
    ? await loadArticleForUser(req, { id: idOf(schedule.article) ?? '' })
    : null
  if (!schedule || !loaded || loaded.response) {
    return refused({
      code: 'NOT_FOUND',
      message: 'No scheduled decision with that id that you can see.',
    })
  }
  const may = mayTake({
    action: schedule.action,
    article: await toWorkflowArticle({ doc: loaded.doc, req }),
    actor: await toActor({ user, req }),
  })
  if (!may) {
    return refused({
      code: 'ROLE_NOT_ALLOWED',
      message: `Only those who may ${schedule.action} may cancel it.`,
    })
  }
  // Only while it still waits: the job applying it claims it the same way.
  const { docs } = await req.payload.update({
    collection: SCHEDULED_ACTIONS,
    where: { and: [{ id: { equals: schedule.id } }, { status: { equals: 'scheduled' } }] },
    data: {
      status: 'cancelled',
      outcome: `Cancelled by ${user.name ?? 'an editor'}.`,
      outcomeAt: now.toISOString(),
    },
    depth: 0,
    overrideAccess: true,
    req,
  })
  const [cancelled] = docs
  if (!cancelled) {
    const settled = await req.payload.findByID({
      collection: SCHEDULED_ACTIONS,
      id: schedule.id,
      depth: 0,
      overrideAccess: true,
      req,
    })
    return refused({
      code: 'SCHEDULE_NOT_PENDING',
      message: `This decision is ${settled.status} already; only a waiting one can be cancelled.`,
    })
  }
  return { ok: true, schedule: cancelled }
}
