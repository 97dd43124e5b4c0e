import type { Author } from '@payload-types'
import type { DisclosureStatus } from '@/disclosures/rules'

export type PublicDisclosures = {
  status: DisclosureStatus
  /** The declared interests; empty with "none-declared". */
  statements: string[]
  declaredAt: string
} | null

/**
 * A person's conflicts of interest as readers get them, or null when never declared: an empty
 * status is never shown as "none declared".
 */
export const publicDisclosures = (disclosures: Author['disclosures']): PublicDisclosures => {
  const { status, declaredAt, statements } = disclosures ?? {}
  if (!status || !declaredAt) {
    return null
  }
  return {
    status,
    statements: status === 'declared' ? (statements ?? []).map(({ statement }) => statement) : [],
    declaredAt,
  }
}
