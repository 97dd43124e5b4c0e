import type { EditorialAction } from '@/workflow/transitions'

/** What Signoff e-mails people about. */
export const NOTIFICATION_EVENTS = [
  'submitted',
  'changesRequested',
  'approved',
  'published',
  'archived',
  'reviewDueSoon',
  'reviewOverdue',
  'credentialsExpiring',
  'commentAdded',
  'commentReplied',
  'reReviewRequested',
  'sourceRetracted',
  'scheduleRefused',
] as const

export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number]

/** The kinds a person can turn off in their account, one checkbox each. */
export const NOTIFICATION_KINDS = {
  submitted: 'An article is submitted for my medical review',
  changesRequested: 'A reviewer requests changes to my article',
  approved: 'An article is approved and ready to publish',
  published: 'An article I wrote or reviewed is published',
  archived: 'An article I wrote or reviewed is archived',
  reviewDue: 'A medical review is due soon or overdue',
  credentialsExpiring: 'Reviewer credentials expire soon',
  comments: 'Comments and replies on articles',
  schedules: 'A publish or archive I scheduled could not be applied',
} as const

export type NotificationKind = keyof typeof NOTIFICATION_KINDS

export const KIND_OF_EVENT: Record<NotificationEvent, NotificationKind> = {
  submitted: 'submitted',
  changesRequested: 'changesRequested',
  approved: 'approved',
  published: 'published',
  archived: 'archived',
  reviewDueSoon: 'reviewDue',
  reviewOverdue: 'reviewDue',
  credentialsExpiring: 'credentialsExpiring',
  commentAdded: 'comments',
  commentReplied: 'comments',
  reReviewRequested: 'reviewDue',
  // A retraction calls for a review before the planned one: the same checkbox as reviews due.
  sourceRetracted: 'reviewDue',
  scheduleRefused: 'schedules',
}

/** The decisions that tell someone what to do next; withdraw and restore tell nobody. */
const EVENT_OF_ACTION: Partial<Record<EditorialAction, NotificationEvent>> = {
  submit: 'submitted',
  'request-changes': 'changesRequested',
  approve: 'approved',
  publish: 'published',
  archive: 'archived',
  'request-re-review': 'reReviewRequested',
}

export const eventOfAction = (action: string): NotificationEvent | null =>
  EVENT_OF_ACTION[action as EditorialAction] ?? null

type Id = number | string

/** What one message is about: plain data, so it can travel in a job and wait in a digest. */
export type Notice = {
  event: NotificationEvent
  /** An article, or for expiring credentials a medical reviewer profile. */
  about: { collection: 'articles' | 'medical-reviewers'; id: Id; title: string }
  actorName: string | null
  /** The review due date, the credentials' expiry or the scheduled time, as an ISO date. */
  date: string | null
  /** Why, when the event is a refusal (a scheduled decision that could not be applied). */
  detail?: string | null
}
