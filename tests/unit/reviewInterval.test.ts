import { describe, expect, it } from '@jest/globals'

import { nextReviewDue } from '@/workflow/reviewDates'
import { effectiveIntervalMonths, isIntervalMonths } from '@/workflow/reviewInterval'

const due = (from: string, months: number) =>
  nextReviewDue({ lastReviewedAt: new Date(from), months })
    .toISOString()
    .slice(0, 10)

describe('risk-based review intervals', () => {
  it("takes the article's own interval, else its riskiest topic's, else the default", () => {
    expect(effectiveIntervalMonths({ article: 6, topics: [3, 12], fallback: 24 })).toBe(6)
    expect(effectiveIntervalMonths({ article: null, topics: [12, 3, null], fallback: 24 })).toBe(3)
    expect(effectiveIntervalMonths({ article: undefined, topics: [], fallback: 24 })).toBe(24)
  })

  it('accepts whole months from 3 to 36 only', () => {
    expect([3, 12, 36].every(isIntervalMonths)).toBe(true)
    expect([2, 37, 6.5, '6', null].some(isIntervalMonths)).toBe(false)
    // An out-of-range value stored by hand never shortens a review to nothing.
    expect(effectiveIntervalMonths({ article: 0, topics: [1], fallback: 24 })).toBe(24)
  })

  it('counts calendar months, clamped at month ends and across leap days', () => {
    expect(due('2026-11-30T09:00:00Z', 3)).toBe('2027-02-28')
    expect(due('2027-11-30T09:00:00Z', 3)).toBe('2028-02-29')
    expect(due('2028-02-29T09:00:00Z', 12)).toBe('2029-02-28')
    expect(due('2028-02-29T09:00:00Z', 36)).toBe('2031-02-28')
    expect(due('2026-01-31T09:00:00Z', 6)).toBe('2026-07-31')
    expect(due('2026-08-31T09:00:00Z', 6)).toBe('2027-02-28')
  })
})
