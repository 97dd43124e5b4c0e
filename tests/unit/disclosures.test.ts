import { describe, expect, it } from '@jest/globals'

import {
  declaredAtProblem,
  disclosureStanding,
  disclosureWarning,
  statementsProblem,
} from '@/disclosures/rules'

/** A day as the admin's day picker stores it: 12:00 UTC. */
const picked = (iso: string) => `${iso}T12:00:00.000Z`
const at = (iso: string) => new Date(iso)

describe('a disclosure as entered', () => {
  it('needs at least one interest when "Declared", and none with "None declared" or no status', () => {
    expect(statementsProblem({ status: 'declared', statements: [] })).toMatch(
      /at least one interest/,
    )
    expect(statementsProblem({ status: 'declared', statements: 0 })).toMatch(/at least one/)
    expect(statementsProblem({ status: 'declared', statements: [{ statement: 'Fees' }] })).toBe(
      null,
    )
    expect(
      statementsProblem({ status: 'none-declared', statements: [{ statement: 'x' }] }),
    ).toMatch(/"None declared" cannot list interests/)
    expect(statementsProblem({ status: 'none-declared', statements: [] })).toBe(null)
    expect(statementsProblem({ status: null, statements: 1 })).toMatch(/Choose "Declared"/)
    expect(statementsProblem({ status: null, statements: null })).toBe(null)
  })

  it('needs a date once a status is chosen, and no date without one', () => {
    const now = at('2026-12-02T07:00:00.000Z')
    expect(declaredAtProblem({ status: 'none-declared', declaredAt: null, now })).toMatch(
      /Give the date/,
    )
    expect(declaredAtProblem({ status: null, declaredAt: picked('2026-01-01'), now })).toMatch(
      /Choose "None declared" or "Declared"/,
    )
    expect(declaredAtProblem({ status: null, declaredAt: null, now })).toBe(null)
    expect(declaredAtProblem({ status: 'declared', declaredAt: picked('2026-12-02'), now })).toBe(
      null,
    )
  })

  it('refuses a future day, but not today for someone already in tomorrow (UTC+14)', () => {
    // 22:00 UTC on 1 December is 2 December in Sydney: picking "today" there is fine.
    const now = at('2026-12-01T22:00:00.000Z')
    expect(declaredAtProblem({ status: 'declared', declaredAt: picked('2026-12-02'), now })).toBe(
      null,
    )
    expect(
      declaredAtProblem({ status: 'declared', declaredAt: picked('2026-12-03'), now }),
    ).toMatch(/2026-12-03\) cannot be in the future/)
    expect(
      declaredAtProblem({ status: 'declared', declaredAt: picked('2027-01-01'), now }),
    ).toMatch(/future/)
  })
})

describe('a disclosure older than 12 months', () => {
  const standing = (declaredAt: string, now: string) =>
    disclosureStanding({ status: 'none-declared', declaredAt: picked(declaredAt), now: at(now) })

  it('is current through the same day a year later, outdated from the next day', () => {
    expect(standing('2025-03-15', '2026-03-15T23:59:59.000Z')).toBe('current')
    expect(standing('2025-03-15', '2026-03-16T00:00:00.000Z')).toBe('outdated')
  })

  it('counts a 31st against the month end of a shorter month', () => {
    expect(standing('2025-03-31', '2026-03-31T12:00:00.000Z')).toBe('current')
    expect(standing('2025-03-31', '2026-04-01T00:00:00.000Z')).toBe('outdated')
    // 12 months before 30 April 2026 is 30 April 2025: the 29th is older.
    expect(standing('2025-04-29', '2026-04-30T00:00:00.000Z')).toBe('outdated')
    expect(standing('2025-04-30', '2026-04-30T00:00:00.000Z')).toBe('current')
  })

  it('handles leap days: declared on 29 Feb, current through 28 Feb a year later', () => {
    expect(standing('2028-02-29', '2029-02-28T12:00:00.000Z')).toBe('current')
    expect(standing('2028-02-29', '2029-03-01T00:00:00.000Z')).toBe('outdated')
    // On 29 Feb 2028, 12 months ago is 28 Feb 2027.
    expect(standing('2027-02-28', '2028-02-29T12:00:00.000Z')).toBe('current')
    expect(standing('2027-02-27', '2028-02-29T12:00:00.000Z')).toBe('outdated')
  })

  it('is "never declared" without a status or a date, whatever the other says', () => {
    const now = at('2026-12-02T00:00:00.000Z')
    expect(disclosureStanding({ status: null, declaredAt: picked('2026-11-01'), now })).toBe(
      'never-declared',
    )
    expect(disclosureStanding({ status: 'declared', declaredAt: null, now })).toBe('never-declared')
    expect(disclosureStanding({ status: '', declaredAt: '', now })).toBe('never-declared')
  })

  it('gives the admin a warning in words, or null when current', () => {
    const now = at('2026-12-02T00:00:00.000Z')
    expect(disclosureWarning({ status: 'declared', declaredAt: picked('2026-01-10'), now })).toBe(
      null,
    )
    expect(
      disclosureWarning({ status: 'declared', declaredAt: picked('2025-11-30'), now }),
    ).toMatch(/declared on 2025-11-30, more than 12 months ago/)
    expect(disclosureWarning({ status: null, declaredAt: null, now })).toMatch(/not declared yet/)
  })
})
