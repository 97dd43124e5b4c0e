// Titles people write in front of a name: "Dr", "Dr.", "Prof", "A/Prof", "Assoc Prof", "Mrs" …
const LEADING_TITLE =
  /^(?:(?:assoc(?:iate)?\.?\s+|a\/|adj(?:unct)?\.?\s+|clin(?:ical)?\.?\s+)?prof(?:essor)?|dr|mr|mrs|ms|mx|miss|sir|dame)\.?(?:\s+|$)/i

/**
 * A reviewer's name is stored plain ("Gina Arena") with the title in `honorific` ("Dr"): sites print
 * both, so "Dr Gina Arena" in the name would read "Dr Dr Gina Arena". True, or what to write instead.
 */
export const plainNameBesideHonorific = ({
  name,
  honorific,
}: {
  name: unknown
  honorific: unknown
}): true | string => {
  if (typeof name !== 'string' || typeof honorific !== 'string' || !honorific.trim()) {
    return true
  }
  const title = LEADING_TITLE.exec(name.trim())
  if (!title) {
    return true
  }
  const plain = name.trim().slice(title[0].length).trim()
  const instead = plain ? ` ("${plain}")` : ''
  return `Write the name without a title${instead}: "${honorific.trim()}" is in Honorific, and sites show them together.`
}
