import { DAY_MS } from '@/shared/time'

/**
 * How long an article has waited where it is, from its review records: pure, so the queues and
 * their tests share one reading of the history.
 */

export type StageRecord = { toStage?: string | null; at: string; note?: string | null }

/**
 * When the article entered its current stage: the newest record that moved it there, else (never
 * moved there by a decision, such as a draft never submitted or sent back by an edit) the fallback.
 */
export const enteredStageAt = ({
  stage,
  records,
  fallback,
}: {
  stage: string
  /** Newest first. */
  records: StageRecord[]
  fallback: string
}): string => {
  const last = records[0]
  // An edit after the last decision (an approved article sent back to draft) starts a new wait.
  if (last && last.toStage !== stage) {
    return fallback
  }
  return last?.at ?? fallback
}

/** Whole days from `since` to `now` (0 on the day itself). */
export const daysSince = (since: string, now: Date): number =>
  Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / DAY_MS))

/** The newest note written on the article's decisions, if any. */
export const latestNote = (records: StageRecord[]): string | null =>
  records.find((record) => record.note?.trim())?.note?.trim() ?? null
