/** How the site words dates, people and what they declared. */
import type { Disclosures } from '../client'

const LONG_DATE = new Intl.DateTimeFormat('en-AU', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

/** "30 May 2022"; review dates are calendar days, so read in UTC. */
export const longDate = (iso: string): string => LONG_DATE.format(new Date(iso))

/** "2022-05-30", for `<time datetime>` and the sitemap's `lastmod`. */
export const isoDay = (iso: string): string => new Date(iso).toISOString().slice(0, 10)

/**
 * "Dr Gina Arena" from a name and an honorific. The API may send the name with the honorific
 * already in it ("Dr Gina Arena") or without ("Gina Arena"): it is added only when missing, so
 * "Dr Dr" never appears.
 */
export const withHonorific = ({
  name,
  honorific,
}: {
  name: string
  honorific?: string | null
}): string => {
  const title = honorific?.trim()
  if (!title) {
    return name
  }
  const bare = title.replace(/\.$/, '')
  const alreadyThere = new RegExp(`^${bare.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.?\\s`, 'i')
  return alreadyThere.test(name.trim()) ? name : `${title} ${name}`
}

/** The non-empty parts, joined with commas: "Physiotherapist, Western Sydney University". */
export const commaList = (parts: (string | null | undefined)[]): string =>
  parts
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(', ')

/**
 * What a person declared about conflicts of interest, in words: "None declared (2 December
 * 2026)", the interests they declared, or, when they have not declared anything yet, saying so
 * (never "none").
 */
export const declaredInterests = (
  disclosures: Disclosures | null | undefined,
): { summary: string; interests: string[] } => {
  if (!disclosures) {
    return { summary: 'Not declared yet.', interests: [] }
  }
  const on = longDate(disclosures.declaredAt)
  return disclosures.status === 'none-declared'
    ? { summary: `None declared (${on}).`, interests: [] }
    : { summary: `Declared on ${on}:`, interests: disclosures.statements }
}
