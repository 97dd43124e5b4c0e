/**
 * Conflicts of interest of authors and reviewers, as data and pure rules (no Payload import): what
 * a disclosure may look like, and when it is too old to trust. The profile fields, the admin's
 * warning and the tests all ask these functions.
 */

/** "None declared" is a choice someone makes: an empty status means "not declared yet". */
export const DISCLOSURE_STATUSES = [
  { label: 'None declared', value: 'none-declared' },
  { label: 'Declared', value: 'declared' },
] as const

export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number]['value']

/** A disclosure is renewed at least this often (JAMA, HONcode and PIF TICK ask for current ones). */
export const DISCLOSURE_MAX_AGE_MONTHS = 12

/** The `disclosures` group as stored, or as the admin's form holds it. */
export type DisclosureInput = {
  status?: string | null
  /** The rows, or their count (the admin's form counts an array's rows). */
  statements?: readonly unknown[] | number | null
  declaredAt?: string | Date | null
}

const isStatus = (value: unknown): value is DisclosureStatus =>
  DISCLOSURE_STATUSES.some((status) => status.value === value)

const rowCount = (statements: DisclosureInput['statements']): number =>
  typeof statements === 'number' ? statements : Array.isArray(statements) ? statements.length : 0

const HOUR_MS = 60 * 60 * 1000

const startOfUtcDay = (date: Date): number =>
  Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())

const asDate = (value: string | Date | null | undefined): Date | null => {
  if (!value) {
    return null
  }
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

/** Why the statements cannot be saved with this status, or null. */
export const statementsProblem = ({ status, statements }: DisclosureInput): string | null => {
  const count = rowCount(statements)
  if (status === 'declared' && count === 0) {
    return 'List at least one interest when the status is "Declared" (or choose "None declared").'
  }
  if (status === 'none-declared' && count > 0) {
    return '"None declared" cannot list interests: remove the statements or choose "Declared".'
  }
  if (!isStatus(status) && count > 0) {
    return 'Choose "Declared" for these statements.'
  }
  return null
}

/**
 * Why the date cannot be saved, or null. "Not in the future" allows today anywhere on Earth: the
 * admin stores a chosen day at 12:00 UTC, which is still tomorrow in UTC for someone at UTC+14.
 */
export const declaredAtProblem = ({
  status,
  declaredAt,
  now,
}: DisclosureInput & { now: Date }): string | null => {
  const date = asDate(declaredAt)
  if (!isStatus(status)) {
    return date ? 'Choose "None declared" or "Declared" for this date.' : null
  }
  if (!date) {
    return 'Give the date this disclosure was declared.'
  }
  if (startOfUtcDay(date) > startOfUtcDay(new Date(now.getTime() + 14 * HOUR_MS))) {
    return `The date declared (${date.toISOString().slice(0, 10)}) cannot be in the future.`
  }
  return null
}

/**
 * The same day `months` earlier, clamped to the month's last day: 12 months before 29 Feb 2028 is
 * 28 Feb 2027.
 */
const monthsBefore = ({ date, months }: { date: Date; months: number }): number => {
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth() - months
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay))
}

export type DisclosureStanding = 'never-declared' | 'outdated' | 'current'

/**
 * Whether a disclosure can be trusted today: `never-declared` without a status or date, `outdated`
 * when declared on a day before the same day 12 months ago (UTC), else `current`. Declared on
 * 15 March 2025, it is current through 15 March 2026 and outdated from 16 March.
 */
export const disclosureStanding = ({
  status,
  declaredAt,
  now,
}: {
  status?: string | null
  declaredAt?: string | Date | null
  now: Date
}): DisclosureStanding => {
  const date = asDate(declaredAt)
  if (!isStatus(status) || !date) {
    return 'never-declared'
  }
  return startOfUtcDay(date) < monthsBefore({ date: now, months: DISCLOSURE_MAX_AGE_MONTHS })
    ? 'outdated'
    : 'current'
}

/** What the admin says about a profile's disclosure, or null when it is current. */
export const disclosureWarning = (input: {
  status?: string | null
  declaredAt?: string | Date | null
  now: Date
}): string | null => {
  const standing = disclosureStanding(input)
  if (standing === 'current') {
    return null
  }
  if (standing === 'never-declared') {
    return 'Conflicts of interest not declared yet: ask for a declaration ("None declared" is a choice too).'
  }
  const day = asDate(input.declaredAt)?.toISOString().slice(0, 10)
  return `Conflicts of interest declared on ${day}, more than ${DISCLOSURE_MAX_AGE_MONTHS} months ago: ask for a fresh declaration.`
}
