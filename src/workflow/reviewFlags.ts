import { evidenceChanges } from './evidence'
import type { Evidence } from './evidence'
import { failedPublishRules, retractedSources } from './publishRules'
import type { PublishCandidate } from './publishRules'
import type { PublishRuleFailure } from '@/shared/refusals'

/** Why a live article needs a medical reviewer's attention before its next planned review. */
export type ReviewFlag =
  | { code: 'EVIDENCE_CHANGED'; message: string; changes: string[] }
  | { code: 'PUBLISH_RULES_FAILED'; message: string; rules: PublishRuleFailure[] }
  | { code: 'SOURCE_RETRACTED'; message: string; sources: string[] }

/**
 * The flags of a live article as it is now: its evidence changed since it was signed (the page
 * keeps showing what was signed), a source it cites was retracted, or it no longer passes the
 * other publish rules (it stays live; an editor decides). Pure.
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
  const retracted = retractedSources(candidate)
  if (retracted.length) {
    flags.push({
      code: 'SOURCE_RETRACTED',
      message: `A cited source was retracted after the medical review: ${retracted.join(' ')}`,
      sources: retracted,
    })
  }
  // A retraction has its own flag above.
  const rules = failedPublishRules(candidate).filter((r) => r.rule !== 'noRetractedSources')
  if (rules.length) {
    flags.push({
      code: 'PUBLISH_RULES_FAILED',
      message: `The live article no longer passes the publish rules: ${rules.map((r) => r.message).join(' ')}`,
      rules,
    })
  }
  return flags
}
