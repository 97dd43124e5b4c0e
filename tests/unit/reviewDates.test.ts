import { describe, expect, it } from '@jest/globals'

import {
  nextReviewDue,
  reviewDueList,
  reviewStatusChangesAt,
  reviewStatusOf,
} from '@/workflow/reviewDates'

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`)

describe('review dates', () => {
  it('adds the review interval in calendar months', () => {
    expect(nextReviewDue({ lastReviewedAt: day('2022-05-30'), months: 24 })).toEqual(
      day('2024-05-30'),
    )
    expect(nextReviewDue({ lastReviewedAt: day('2024-01-31'), months: 1 })).toEqual(
      day('2024-02-29'),
    )
  })

  it('is overdue after the due date, due soon within 30 days, else current', () => {
    const due = day('2026-06-30')
    expect(reviewStatusOf({ nextReviewDue: due, now: day('2026-07-01') })).toBe('overdue')
    expect(reviewStatusOf({ nextReviewDue: due, now: day('2026-06-10') })).toBe('due-soon')
    expect(reviewStatusOf({ nextReviewDue: due, now: day('2026-01-01') })).toBe('current')
  })

  it('says when the review status will next change, which is exactly when reviewStatusOf changes', () => {
    const due = day('2026-06-30')
    const soon = reviewStatusChangesAt({ nextReviewDue: due, now: day('2026-01-01') }) as Date
    expect(soon).toEqual(day('2026-05-31'))
    expect(reviewStatusOf({ nextReviewDue: due, now: new Date(soon.getTime() - 1) })).toBe(
      'current',
    )
    expect(reviewStatusOf({ nextReviewDue: due, now: soon })).toBe('due-soon')
    const late = reviewStatusChangesAt({ nextReviewDue: due, now: soon }) as Date
    expect(reviewStatusOf({ nextReviewDue: due, now: new Date(late.getTime() - 1) })).toBe(
      'due-soon',
    )
    expect(reviewStatusOf({ nextReviewDue: due, now: late })).toBe('overdue')
    expect(reviewStatusChangesAt({ nextReviewDue: due, now: late })).toBeNull()
  })
})

describe('reviewDueList', () => {
  it('lists overdue and due-soon articles, most urgent first, and leaves current ones out', () => {
    const list = reviewDueList({
      now: day('2026-06-01'),
      articles: [
        { id: 1, title: 'Current', nextReviewDue: '2027-01-01T00:00:00.000Z' },
        { id: 2, title: 'Soon', nextReviewDue: '2026-06-20T00:00:00.000Z' },
        { id: 3, title: 'Late', nextReviewDue: '2024-05-30T00:00:00.000Z' },
        { id: 4, title: 'Never reviewed', nextReviewDue: null },
      ],
    })
    expect(list.map((entry) => [entry.title, entry.reviewStatus])).toEqual([
      ['Late', 'overdue'],
      ['Soon', 'due-soon'],
    ])
  })
})
