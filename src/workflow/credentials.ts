/**
 * A reviewer whose credentials were verified until a day may approve through the end of that day
 * (UTC): the one rule the approve guard, the workflow panel's warning and the admin's profile
 * warning all ask.
 */
const startOfUtcDay = (date: Date): number =>
  Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())

export const areCredentialsCurrent = ({
  verifiedUntil,
  now,
}: {
  verifiedUntil: string | null | undefined
  now: Date
}): boolean =>
  Boolean(verifiedUntil) && startOfUtcDay(new Date(verifiedUntil as string)) >= startOfUtcDay(now)

/** Why a reviewer cannot approve today, in words, or null when they can. */
export const credentialsProblem = ({
  verifiedUntil,
  now,
}: {
  verifiedUntil: string | null | undefined
  now: Date
}): string | null => {
  if (areCredentialsCurrent({ verifiedUntil, now })) {
    return null
  }
  return verifiedUntil
    ? `credentials verified until ${verifiedUntil.slice(0, 10)}: expired`
    : 'credentials not verified yet'
}
