import { evidenceChanges } from './evidence'
import type { Evidence } from './evidence'
import { failedPublishRules } from './publishRules'
import type { PublishCandidate } from './publishRules'
import type { PublishRuleFailure } from '@/shared/refusals'

/** Why a live article needs a medical reviewer's attention before its next planned review. */
export type ReviewFlag =
  | { code: 'EVIDENCE_CHANGED'; message: string; changes: string[] }
  | { code: 'PUBLISH_RULES_FAILED'; message: string; rules: PublishRuleFailure[] }

/**
 * The flags of a live article as it is now: its evidence changed since it was signed (the page
 * keeps showing what was signed), or it no longer passes the publish rules (it stays live; an
 * editor decides). Pure.
 */
export const reviewFlagsOf = ({
  signed,
  current,
  candidate,
}: {
  signed: Evidence | null
  current: Evidence
  candidate: PublishCandidate
}): ReviewFlag[] => {
  const flags: ReviewFlag[] = []
  const changes = signed ? evidenceChanges({ signed, current }) : []
  if (changes.length) {
    flags.push({
      code: 'EVIDENCE_CHANGED',
      message: `The evidence changed after the medical review; the page shows what was signed until it is reviewed again. ${changes.join('; ')}.`,
      changes,
    })
  }
  const rules = failedPublishRules(candidate)
  if (rules.length) {
    flags.push({
      code: 'PUBLISH_RULES_FAILED',
      message: `The live article no longer passes the publish rules: ${rules.map((r) => r.message).join(' ')}`,
      rules,
    })
  }
  return flags
}
