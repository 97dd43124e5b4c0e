/** When a scheduled decision may be set: an exact moment, in the future, within a year. */
import { describe, expect, it } from '@jest/globals'

import { MAX_SCHEDULE_DAYS, isSchedulable, parseScheduleTime } from '@/schedules/schedules'
import { renderNotice } from '@/notifications/templates'

const now = new Date('2026-12-02T10:00:00.000Z')

const parse = (at: unknown) => parseScheduleTime({ at, now })

describe('parseScheduleTime', () => {
  it('reads a time with its offset as the moment it names', () => {
    expect(parse('2026-12-02T10:30:00Z')).toEqual({
      ok: true,
      at: new Date('2026-12-02T10:30:00Z'),
    })
    expect(parse('2026-12-02T11:30+01:00')).toEqual({
      ok: true,
      at: new Date('2026-12-02T10:30:00Z'),
    })
    expect(parse('2026-12-02T10:30:00.250Z')).toMatchObject({ ok: true })
  })

  it('accepts 29 February only in a leap year', () => {
    expect(parse('2028-02-29T09:00:00Z')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/within/),
    })
    expect(
      parseScheduleTime({ at: '2028-02-29T09:00:00Z', now: new Date('2027-12-01T00:00:00Z') }),
    ).toMatchObject({ ok: true })
    expect(parse('2027-02-29T09:00:00Z')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/ISO 8601/),
    })
    expect(parse('2027-04-31T09:00:00Z')).toMatchObject({ ok: false })
  })

  it('refuses a time without an offset, a date alone, other types and nonsense', () => {
    for (const at of [
      '2027-01-05T09:00',
      '2027-01-05',
      'tomorrow',
      '',
      1796196318570,
      null,
      {},
      '2027-13-01T00:00:00Z',
      '2027-01-01T25:00:00Z',
    ]) {
      expect(parse(at)).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^"at" must be an ISO 8601 time/),
      })
    }
  })

  it('refuses now and the past, naming both times', () => {
    expect(parse(now.toISOString())).toMatchObject({
      ok: false,
      message: expect.stringMatching(/in the future/),
    })
    expect(parse('2026-12-01T10:00:00Z')).toMatchObject({
      ok: false,
      message: expect.stringContaining('2026-12-01T10:00:00.000Z'),
    })
  })

  it(`allows up to ${MAX_SCHEDULE_DAYS} days ahead, not one minute more`, () => {
    const limit = new Date(now.getTime() + MAX_SCHEDULE_DAYS * 86_400_000)
    expect(parse(limit.toISOString())).toMatchObject({ ok: true })
    expect(parse(new Date(limit.getTime() + 60_000).toISOString())).toMatchObject({
      ok: false,
      message: expect.stringMatching(/within 366 days/),
    })
  })
})

describe('what can be scheduled', () => {
  it('publish and archive only', () => {
    expect(['publish', 'archive'].every(isSchedulable)).toBe(true)
    expect(
      ['submit', 'approve', 'reaffirm', 'restore', 'toString', undefined].some(isSchedulable),
    ).toBe(false)
  })
})

describe('the refusal e-mail', () => {
  it('names the article, the time in UTC and why, and links to the article', () => {
    const message = renderNotice({
      serverUrl: 'https://cms.example',
      notice: {
        event: 'scheduleRefused',
        about: { collection: 'articles', id: 7, title: 'Sciatica' },
        actorName: null,
        date: '2027-01-05T09:00:00.000Z',
        detail: "The medical reviewer's credentials were verified until 2027-01-01.",
      },
    })
    expect(message.subject).toBe('Scheduled decision not applied: Sciatica')
    expect(message.text).toContain('2027-01-05 09:00 UTC')
    expect(message.text).toContain('verified until 2027-01-01')
    expect(message.text).toContain('https://cms.example/admin/collections/articles/7')
  })
})
