import { describe, expect, it } from '@jest/globals'

import { daysSince, enteredStageAt, latestNote } from '@/queues/timeInStage'

const records = [
  { toStage: 'in_review', at: '2026-11-20T09:00:00.000Z', note: null },
  { toStage: 'changes_requested', at: '2026-11-10T09:00:00.000Z', note: 'Cite a guideline.' },
  { toStage: 'in_review', at: '2026-11-01T09:00:00.000Z', note: '' },
]

describe('time in stage', () => {
  it('counts from the decision that moved the article into its stage', () => {
    expect(enteredStageAt({ stage: 'in_review', records, fallback: '2026-10-01T00:00:00Z' })).toBe(
      '2026-11-20T09:00:00.000Z',
    )
  })

  it('counts from the edit when an edit moved it since (an approval voided by an edit)', () => {
    const approved = [{ toStage: 'approved', at: '2026-11-25T00:00:00.000Z' }, ...records]
    expect(
      enteredStageAt({ stage: 'draft', records: approved, fallback: '2026-11-28T12:00:00.000Z' }),
    ).toBe('2026-11-28T12:00:00.000Z')
  })

  it('counts a draft never submitted from its creation', () => {
    expect(enteredStageAt({ stage: 'draft', records: [], fallback: '2026-11-01T00:00:00Z' })).toBe(
      '2026-11-01T00:00:00Z',
    )
  })

  it('is in whole days, 0 on the day itself, never negative', () => {
    const now = new Date('2026-12-02T08:59:00.000Z')
    expect(daysSince('2026-11-20T09:00:00.000Z', now)).toBe(11)
    expect(daysSince('2026-12-02T00:00:00.000Z', now)).toBe(0)
    expect(daysSince('2026-12-03T00:00:00.000Z', now)).toBe(0)
  })

  it('shows the newest note that says something', () => {
    expect(latestNote(records)).toBe('Cite a guideline.')
    expect(latestNote([])).toBeNull()
  })
})
