import type { EditorialAction } from '@/workflow/transitions'
import { DAY_MS } from '@/shared/time'

/** The jobs queue that applies scheduled decisions; web instances and the worker poll it. */
export const SCHEDULE_QUEUE = 'schedules'

/** The decisions an editor may set for later: publish an approved article, archive a live one. */
export const SCHEDULABLE_ACTIONS = ['publish', 'archive'] as const satisfies EditorialAction[]

export type SchedulableAction = (typeof SCHEDULABLE_ACTIONS)[number]

export const SCHEDULE_STATUSES = ['scheduled', 'applied', 'refused', 'cancelled'] as const

export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number]

export const isSchedulable = (action: unknown): action is SchedulableAction =>
  SCHEDULABLE_ACTIONS.includes(action as SchedulableAction)

/** The furthest ahead a decision may be set: a year, after which the review would be due anyway. */
export const MAX_SCHEDULE_DAYS = 366

// A date and a time with an explicit offset: "2027-01-05T09:00:00Z", "2027-01-05T09:00+01:00".
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

/** Whether "2027-02-30" names a day that exists (Date would quietly roll it into March). */
const isCalendarDay = (value: string): boolean => {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/**
 * Reads the `at` of a scheduled decision: an ISO 8601 time with its offset (a time without one
 * would mean a different moment on every server), in the future, at most a year ahead.
 */
export const parseScheduleTime = ({
  at,
  now,
}: {
  at: unknown
  now: Date
}): { ok: true; at: Date } | { ok: false; message: string } => {
  if (
    typeof at !== 'string' ||
    !ISO_TIME.test(at) ||
    !isCalendarDay(at) ||
    Number.isNaN(Date.parse(at))
  ) {
    return {
      ok: false,
      message:
        '"at" must be an ISO 8601 time with its offset, such as "2027-01-05T09:00:00Z" or "2027-01-05T09:00:00+01:00".',
    }
  }
  const time = new Date(at)
  if (time.getTime() <= now.getTime()) {
    return {
      ok: false,
      message: `"at" must be in the future (it is ${time.toISOString()}; now is ${now.toISOString()}).`,
    }
  }
  if (time.getTime() - now.getTime() > MAX_SCHEDULE_DAYS * DAY_MS) {
    return { ok: false, message: `"at" must be within ${MAX_SCHEDULE_DAYS} days from now.` }
  }
  return { ok: true, at: time }
}
