import type { Payload, PayloadRequest } from 'payload'

import { KIND_OF_EVENT } from './events'
import type { Notice, NotificationEvent } from './events'
import { loadArticleFacts, loadPeople } from './people'
import { audiencesFor, deliveryFor, recipientsFor } from './recipients'

type Id = number | string

export const NOTIFICATION_QUEUE = 'notifications'

export type NotifyArgs = {
  payload: Payload
  /** The request that caused it: messages are only queued if its change commits. */
  req?: PayloadRequest
  event: NotificationEvent
  /** The article it is about; every event but `credentialsExpiring` names one. */
  articleId?: Id
  /** For `credentialsExpiring`: the medical reviewer profile. */
  reviewer?: { id: Id; name: string }
  /** Who acted: never told of their own action. */
  actorId?: Id | null
  actorName?: string | null
  /** For `commentReplied`: the author of the comment replied to. */
  threadParty?: Id[]
  /** The review due date, the credentials' expiry or the scheduled time. */
  date?: string | null
  /** Why, for a refusal. */
  detail?: string | null
  now?: Date
}

/**
 * Works out who hears of an event and queues one e-mail job each (or keeps it for the daily
 * digest), honouring each person's settings. Never throws: a notification problem is logged and
 * must not stop or undo the decision that caused it.
 */
export const queueNotification = async ({
  payload,
  req,
  event,
  articleId,
  reviewer,
  actorId = null,
  actorName = null,
  threadParty = [],
  date = null,
  detail = null,
  now = new Date(),
}: NotifyArgs): Promise<void> => {
  try {
    const article =
      articleId === undefined ? null : await loadArticleFacts({ payload, req, id: articleId })
    const about: Notice['about'] | null = article
      ? { collection: 'articles', id: article.id, title: article.title }
      : reviewer
        ? { collection: 'medical-reviewers', id: reviewer.id, title: reviewer.name }
        : null
    if (!about) {
      return
    }
    const audiences = audiencesFor({ event, hasAssignedReviewer: article?.medicalReviewer != null })
    const people = await loadPeople({
      payload,
      req,
      audiences,
      article,
      reviewerId: reviewer?.id ?? null,
      threadParty,
      now,
    })
    const recipients = recipientsFor({ audiences, people, actorId })
    if (!recipients.length) {
      return
    }
    const { docs: users } = await payload.find({
      collection: 'users',
      where: { id: { in: recipients } },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      select: { notifications: true },
      req,
    })
    const actor =
      actorName ?? (actorId === null ? null : await findName({ payload, req, id: actorId }))
    const notice: Notice = { event, about, actorName: actor, date, ...(detail ? { detail } : {}) }
    for (const user of users) {
      const delivery = deliveryFor({ user, kind: KIND_OF_EVENT[event] })
      if (delivery === 'daily') {
        await payload.create({
          collection: 'notification-digest-items',
          data: { recipient: user.id as number, notice },
          overrideAccess: true,
          req,
        })
      } else if (delivery === 'immediate') {
        await payload.jobs.queue({
          task: 'sendNotification',
          input: { recipient: user.id as number, notice },
          queue: NOTIFICATION_QUEUE,
          req,
        })
      }
    }
  } catch (error) {
    payload.logger.error({
      err: error,
      msg: `Could not queue the ${event} notification${articleId === undefined ? '' : ` for article ${articleId}`}.`,
    })
  }
}

const findName = async ({
  payload,
  req,
  id,
}: {
  payload: Payload
  req?: PayloadRequest
  id: Id
}): Promise<string | null> =>
  (
    await payload.findByID({
      collection: 'users',
      id,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      select: { name: true },
      req,
    })
  )?.name ?? null
