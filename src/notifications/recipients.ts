import type { NotificationEvent, NotificationKind } from './events'

type Id = number | string

/** Groups of people a message can go to, resolved from the article or the caller's data. */
export type Audience =
  | 'writer'
  | 'assignedReviewer'
  | 'currentReviewers'
  | 'editors'
  | 'admins'
  | 'credentialHolder'
  | 'threadParty'

/** Who hears of each event: the person whose turn it is next, and those who must know. */
export const AUDIENCES: Record<NotificationEvent, Audience[]> = {
  submitted: ['assignedReviewer'],
  changesRequested: ['writer'],
  approved: ['editors'],
  published: ['writer', 'assignedReviewer'],
  archived: ['writer', 'assignedReviewer'],
  reviewDueSoon: ['assignedReviewer', 'editors'],
  reviewOverdue: ['assignedReviewer', 'editors'],
  credentialsExpiring: ['credentialHolder', 'admins'],
  commentAdded: ['writer'],
  commentReplied: ['threadParty', 'writer'],
  reReviewRequested: ['assignedReviewer'],
  sourceRetracted: ['assignedReviewer', 'editors'],
  // The editor who set it: `threadParty` names them.
  scheduleRefused: ['threadParty'],
}

/** An article submitted with no reviewer assigned goes to every reviewer who may approve it. */
export const audiencesFor = ({
  event,
  hasAssignedReviewer,
}: {
  event: NotificationEvent
  hasAssignedReviewer: boolean
}): Audience[] =>
  event === 'submitted' && !hasAssignedReviewer ? ['currentReviewers'] : AUDIENCES[event]

/** Everyone in the audiences once, never the person who acted. */
export const recipientsFor = ({
  audiences,
  people,
  actorId,
}: {
  audiences: Audience[]
  people: Partial<Record<Audience, Id[]>>
  actorId: Id | null
}): Id[] => {
  const seen = new Set<string>(actorId === null ? [] : [String(actorId)])
  const recipients: Id[] = []
  for (const id of audiences.flatMap((audience) => people[audience] ?? [])) {
    if (!seen.has(String(id))) {
      seen.add(String(id))
      recipients.push(id)
    }
  }
  return recipients
}

export type Preferences = {
  notifications?: ({ digest?: string | null } & Partial<Record<string, unknown>>) | null
}

/** Off when the person unticked this kind; otherwise now, or in the next daily digest. */
export const deliveryFor = ({
  user,
  kind,
}: {
  user: Preferences
  kind: NotificationKind
}): 'off' | 'immediate' | 'daily' => {
  if (user.notifications?.[kind] === false) {
    return 'off'
  }
  return user.notifications?.digest === 'daily' ? 'daily' : 'immediate'
}
