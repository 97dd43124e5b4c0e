/** Where an article is in its editorial life. The order is the order a reader of the admin expects. */
export const EDITORIAL_STAGES = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'published',
  'archived',
] as const

export type EditorialStage = (typeof EDITORIAL_STAGES)[number]

export const STAGE_LABELS: Record<EditorialStage, string> = {
  draft: 'Draft',
  in_review: 'In medical review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  published: 'Published',
  archived: 'Archived',
}

export const REVIEW_STATUSES = ['current', 'due-soon', 'overdue'] as const

export type ReviewStatus = (typeof REVIEW_STATUSES)[number]

/** Fields only the editorial workflow writes; a plain update never changes them. */
export const WORKFLOW_FIELDS = [
  'stage',
  'publishedAt',
  'lastReviewedAt',
  'nextReviewDue',
  'reviewStatus',
  'approvedFingerprint',
  'signedEvidence',
] as const
