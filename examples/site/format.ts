/** How the site words dates and people. */
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
