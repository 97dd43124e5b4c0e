import type { Endpoint } from 'payload'

import { idOf } from '@/shared/idOf'
import { jsonAnswer } from '@/shared/jsonAnswer'
import { refusalResponse, refusalsResponse } from '@/shared/refusals'
import { isSchedulable, parseScheduleTime } from '@/schedules/schedules'
import { scheduleAction } from '@/schedules/service/scheduleAction'
import { takeAction } from '@/workflow/service/takeAction'
import type { NewComment } from '@/workflow/service/takeAction'

const MAX_COMMENTS_WITH_DECISION = 50

/** `comments` ride only with request-changes: `[{"quote": "…", "body": "…"}]`. */
const commentsProblem = (action: unknown, comments: unknown): string | null => {
  if (comments === undefined) {
    return null
  }
  if (action !== 'request-changes') {
    return '"comments" come only with "request-changes".'
  }
  const isComment = (c: unknown) =>
    Boolean(c) &&
    typeof (c as NewComment).quote === 'string' &&
    typeof (c as NewComment).body === 'string' &&
    Object.keys(c as object).every((key) => key === 'quote' || key === 'body')
  return Array.isArray(comments) &&
    comments.length <= MAX_COMMENTS_WITH_DECISION &&
    comments.every(isComment)
    ? null
    : `"comments" must be a list of up to ${MAX_COMMENTS_WITH_DECISION} {"quote": "…", "body": "…"}.`
}

const readBody = async (req: Parameters<Endpoint['handler']>[0]): Promise<unknown> => {
  try {
    return await req.json?.()
  } catch {
    return null
  }
}

/** POST /api/articles/:id/workflow {"action": "...", "note": "..."}: one editorial decision. */
export const workflowEndpoint: Endpoint = {
  path: '/:id/workflow',
  method: 'post',
  handler: async (req) => {
    if (!req.user) {
      return refusalResponse({
        code: 'UNAUTHENTICATED',
        message: 'Log in to take workflow actions.',
      })
    }
    const body = (await readBody(req)) as {
      action?: unknown
      note?: unknown
      fingerprint?: unknown
      attest?: unknown
      comments?: unknown
      reviewer?: unknown
      at?: unknown
    } | null
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return refusalResponse({
        code: 'INVALID_BODY',
        message:
          'Send a JSON object: {"action": "approve", "fingerprint": "v2:…", "attest": true, "note": "optional"}.',
      })
    }
    const problem =
      body.note !== undefined && typeof body.note !== 'string'
        ? '"note" must be a string.'
        : body.fingerprint !== undefined && typeof body.fingerprint !== 'string'
          ? '"fingerprint" must be the string GET /api/articles/:id/workflow gave.'
          : body.attest !== undefined && typeof body.attest !== 'boolean'
            ? '"attest" must be true or false.'
            : body.reviewer !== undefined &&
                (body.action !== 'request-re-review' ||
                  (body.reviewer !== null &&
                    typeof body.reviewer !== 'number' &&
                    typeof body.reviewer !== 'string'))
              ? '"reviewer" (a medical reviewer\'s id) comes only with "request-re-review".'
              : commentsProblem(body.action, body.comments)
    if (problem) {
      return refusalResponse({ code: 'INVALID_BODY', message: problem })
    }
    if (body.at !== undefined) {
      // {"action": "publish", "at": "2027-01-05T09:00:00Z"}: the same decision, taken at that time.
      if (!isSchedulable(body.action)) {
        return refusalResponse({
          code: 'NOT_SCHEDULABLE',
          message: '"at" comes only with "publish" or "archive".',
        })
      }
      const time = parseScheduleTime({ at: body.at, now: new Date() })
      if (!time.ok) {
        return refusalResponse({ code: 'INVALID_BODY', message: time.message })
      }
      const scheduled = await scheduleAction({
        req,
        action: body.action,
        at: time.at,
        viewedFingerprint: body.fingerprint as string | undefined,
      })
      if (!scheduled.ok) {
        return 'response' in scheduled ? scheduled.response : refusalsResponse(scheduled)
      }
      const { schedule } = scheduled
      return jsonAnswer(
        {
          id: idOf(schedule.article),
          action: schedule.action,
          scheduledFor: schedule.at,
          schedule: { id: schedule.id, status: schedule.status },
        },
        { status: 202 },
      )
    }
    const outcome = await takeAction({
      req,
      action: body.action,
      note: (body.note as string | undefined) ?? '',
      viewedFingerprint: body.fingerprint as string | undefined,
      isAttested: body.attest === true,
      comments: (body.comments as NewComment[] | undefined) ?? [],
      reReviewer: (body.reviewer as number | string | null | undefined) ?? null,
    })
    if (!outcome.ok) {
      return 'response' in outcome ? outcome.response : refusalsResponse(outcome)
    }
    const { article } = outcome
    return jsonAnswer({
      id: article.id,
      action: body.action,
      stage: article.stage,
      _status: article._status,
      publishedAt: article.publishedAt ?? null,
      lastReviewedAt: article.lastReviewedAt ?? null,
      nextReviewDue: article.nextReviewDue ?? null,
      reviewStatus: article.reviewStatus ?? null,
      medicalReviewer: article.medicalReviewer ?? null,
    })
  },
}
