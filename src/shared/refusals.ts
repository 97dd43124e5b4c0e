import { jsonAnswer } from './jsonAnswer'

/**
 * Why a request was refused: one stable code each, with its HTTP status. Clients and the admin
 * switch on the codes; every door answers `{"errors": [{"code", "message", …}]}` with the status
 * of the first refusal.
 */
export const REFUSAL_STATUS = {
  // Any request
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  INVALID_BODY: 400,
  INVALID_QUERY: 400,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  // The editorial workflow
  UNKNOWN_ACTION: 400,
  NOTE_REQUIRED: 400,
  NOT_ALLOWED_FROM_STAGE: 409,
  ROLE_NOT_ALLOWED: 403,
  SELF_REVIEW: 403,
  NOT_ASSIGNED_REVIEWER: 403,
  REVIEWER_PROFILE_MISSING: 403,
  REVIEWER_CREDENTIALS_EXPIRED: 403,
  CONTENT_CHANGED_SINCE_APPROVAL: 409,
  REVIEWER_CREDENTIALS_LAPSED: 409,
  PUBLISH_RULES_FAILED: 409,
  HAS_REVIEW_HISTORY: 409,
  ARTICLE_IN_REVIEW: 409,
  FINGERPRINT_REQUIRED: 400,
  CONTENT_CHANGED_SINCE_VIEWED: 409,
  ATTESTATION_REQUIRED: 400,
  OPEN_COMMENTS: 409,
  // Decisions scheduled for later
  ALREADY_SCHEDULED: 409,
  NOT_SCHEDULABLE: 400,
  SCHEDULE_NOT_PENDING: 409,
  // Review comments
  QUOTE_NOT_FOUND: 400,
  COMMENT_NOT_YOURS: 403,
  // Evidence (sources and images) that reviewed content cites
  EVIDENCE_IN_USE: 403,
  EVIDENCE_CITED: 409,
  FILE_IN_USE: 409,
  FILE_REPLACEMENT_BY_QUERY: 400,
  // Accounts
  EMAIL_CHANGE_FOR_ADMINS: 403,
} as const

export type RefusalCode = keyof typeof REFUSAL_STATUS

export type PublishRuleFailure = { rule: string; message: string }

export type Refusal = {
  code: RefusalCode
  message: string
  rules?: PublishRuleFailure[]
  /** For OPEN_COMMENTS: the open threads (the first 20), oldest first. */
  comments?: { id: number | string; quote: string; body: string; author: string | null }[]
}

/** The HTTP status for a list of refusals: the first one decides. */
export const statusFor = (refusals: Refusal[]): number =>
  refusals[0] ? REFUSAL_STATUS[refusals[0].code] : 400

/** A refusal as an HTTP answer, for endpoints that answer themselves. */
export const refusalResponse = ({ code, message }: { code: RefusalCode; message: string }) =>
  jsonAnswer({ errors: [{ code, message }] }, { status: REFUSAL_STATUS[code] })

/** Refusals a service returned, as an HTTP answer. */
export const refusalsResponse = ({ refusals, status }: { refusals: Refusal[]; status: number }) =>
  jsonAnswer({ errors: refusals }, { status })
