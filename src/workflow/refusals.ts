/** Why a workflow action was refused. Stable codes: clients and the admin switch on them. */
export const REFUSAL_STATUS = {
  UNKNOWN_ACTION: 400,
  NOTE_REQUIRED: 400,
  NOT_ALLOWED_FROM_STAGE: 409,
  ROLE_NOT_ALLOWED: 403,
  SELF_REVIEW: 403,
  NOT_ASSIGNED_REVIEWER: 403,
  REVIEWER_PROFILE_MISSING: 403,
  REVIEWER_CREDENTIALS_EXPIRED: 403,
  CONTENT_CHANGED_SINCE_APPROVAL: 409,
  PUBLISH_RULES_FAILED: 409,
  HAS_REVIEW_HISTORY: 409,
} as const

export type RefusalCode = keyof typeof REFUSAL_STATUS

export type PublishRuleFailure = { rule: string; message: string }

export type Refusal = { code: RefusalCode; message: string; rules?: PublishRuleFailure[] }

/** The HTTP status for a list of refusals: the first one decides. */
export const statusFor = (refusals: Refusal[]): number =>
  refusals[0] ? REFUSAL_STATUS[refusals[0].code] : 400
