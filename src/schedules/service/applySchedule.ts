import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'
import type { Payload, TaskConfig } from 'payload'

import type { ScheduledAction, User } from '@payload-types'
import { SCHEDULED_ACTIONS } from '@/shared/collections'
import { idOf } from '@/shared/idOf'
import type { Refusal } from '@/shared/refusals'
import { queueNotification } from '@/notifications/queueNotification'
import { takeAction } from '@/workflow/service/takeAction'

import type { ScheduleStatus } from '../schedules'

type Id = number | string

const settle = async ({
  payload,
  id,
  status,
  outcome,
  refusals = null,
  now,
}: {
  payload: Payload
  id: Id
  status: ScheduleStatus
  outcome: string
  refusals?: Refusal[] | null
  now: Date
}) =>
  payload.update({
    collection: SCHEDULED_ACTIONS,
    id,
    data: { status, outcome, refusals, outcomeAt: now.toISOString() },
    depth: 0,
    overrideAccess: true,
  })

const refuse = async ({
  payload,
  schedule,
  refusals,
  now,
}: {
  payload: Payload
  schedule: ScheduledAction
  refusals: Refusal[]
  now: Date
}): Promise<'refused'> => {
  const detail = refusals.map((refusal) => refusal.message).join(' ')
  await settle({ payload, id: schedule.id, status: 'refused', outcome: detail, refusals, now })
  payload.logger.warn(
    `Scheduled ${schedule.action} of article ${String(idOf(schedule.article))} refused: ${detail}`,
  )
  const articleId = idOf(schedule.article)
  const editor = idOf(schedule.scheduledBy)
  if (articleId !== null && editor !== null) {
    await queueNotification({
      payload,
      event: 'scheduleRefused',
      articleId,
      threadParty: [editor],
      date: schedule.at,
      detail,
      now,
    })
  }
  return 'refused'
}

/**
 * Applies one scheduled decision when its time has come: the same `takeAction` an editor's click
 * takes, as the editor who scheduled it (their role, the article's stage, the content they saw,
 * the publish rules and the reviewer's credentials are all judged again, now). Applied, it is
 * recorded like any decision; refused, nothing changes, the refusal is kept on the schedule and
 * the editor is e-mailed.
 */
export const applySchedule = async ({
  payload,
  id,
  now = new Date(),
}: {
  payload: Payload
  id: Id
  now?: Date
}): Promise<ScheduleStatus | 'missing'> => {
  const schedule = await payload.findByID({
    collection: SCHEDULED_ACTIONS,
    id,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
  })
  if (!schedule || schedule.status !== 'scheduled') {
    // Cancelled, superseded or already settled: nothing to do.
    return schedule?.status ?? 'missing'
  }
  const editorId = idOf(schedule.scheduledBy)
  const editor =
    editorId === null
      ? null
      : await payload.findByID({
          collection: 'users',
          id: editorId,
          depth: 0,
          overrideAccess: true,
          disableErrors: true,
        })
  if (!editor) {
    return refuse({
      payload,
      schedule,
      now,
      refusals: [
        {
          code: 'ROLE_NOT_ALLOWED',
          message: 'The person who scheduled it no longer has an account.',
        },
      ],
    })
  }
  const req = await createLocalReq({ user: { ...editor, collection: 'users' } as User }, payload)
  const shouldCommit = await initTransaction(req)
  try {
    // Claimed first, in the decision's transaction: a cancel that came meanwhile wins.
    const { docs: claimed } = await req.payload.update({
      collection: SCHEDULED_ACTIONS,
      where: { and: [{ id: { equals: schedule.id } }, { status: { equals: 'scheduled' } }] },
      data: {
        status: 'applied',
        outcome: schedule.action === 'publish' ? 'Published.' : 'Archived.',
        outcomeAt: now.toISOString(),
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
    if (!claimed.length) {
      await killTransaction(req)
      return 'cancelled'
    }
    const outcome = await takeAction({
      req,
      articleId: idOf(schedule.article) ?? '',
      action: schedule.action,
      note: `Scheduled by ${schedule.scheduledByName ?? 'an editor'} on ${schedule.createdAt.slice(0, 10)} for ${schedule.at}.`,
      viewedFingerprint: schedule.fingerprint ?? undefined,
      fromSchedule: schedule.id,
    })
    if (!outcome.ok) {
      // takeAction has already undone its transaction.
      const refusals: Refusal[] =
        'refusals' in outcome
          ? outcome.refusals
          : [
              {
                code: 'NOT_FOUND',
                message: 'The article no longer exists, or its editor cannot see it.',
              },
            ]
      return refuse({ payload, schedule, refusals, now })
    }
    if (shouldCommit) {
      await commitTransaction(req)
    }
    return 'applied'
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}

export const applyScheduledActionTask: TaskConfig<{
  input: { schedule: Id | { id: Id } }
  output: { status: string }
}> = {
  slug: 'applyScheduledAction',
  label: 'Apply a scheduled publish or archive',
  // A refusal is an outcome, not a failure; only a fault (the database away) is tried again.
  retries: { attempts: 5, backoff: { type: 'exponential', delay: 10_000 } },
  inputSchema: [
    { name: 'schedule', type: 'relationship', relationTo: SCHEDULED_ACTIONS, required: true },
  ],
  outputSchema: [{ name: 'status', type: 'text' }],
  handler: async ({ input, req }) => {
    const id = idOf(input.schedule)
    const status = id === null ? 'missing' : await applySchedule({ payload: req.payload, id })
    return { output: { status } }
  },
}
