import type { Payload } from 'payload'

/**
 * A job still `processing` this long after its last update was abandoned: the process or thread
 * running it ended mid-run (a deploy's restart, a crash, the OOM killer). Longer than any job here
 * runs: the longest, rendering every article again, takes about a minute at 10,000 articles (and
 * were it released while still running, a second run would only render what is still stale).
 */
export const ABANDONED_AFTER_MS = 30 * 60_000

/** How often a process that runs the queues looks for abandoned jobs. */
export const ABANDONED_CHECK_MS = 5 * 60_000

// More than this many at once is a sign of something else; the next check takes the rest.
const MAX_RELEASED = 100

/**
 * Lets Payload run again the jobs their runner abandoned. Payload marks a job `processing` when it
 * takes it and never looks at it again until the run ends; a run that never ends leaves it so for
 * good. Worse, a scheduled task is not queued again while one of its jobs is active: one
 * interrupted review-due sweep stopped every later sweep, and articles past their review date
 * stayed "current" on the public API. Released jobs keep their tries and log; each is logged.
 * Returns how many were released.
 */
export const releaseAbandonedJobs = async ({
  payload,
  now = new Date(),
  abandonedAfterMs = ABANDONED_AFTER_MS,
  queue,
}: {
  payload: Payload
  now?: Date
  abandonedAfterMs?: number
  /** Only this queue's jobs. */
  queue?: string
}): Promise<number> => {
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    where: {
      and: [
        { processing: { equals: true } },
        { completedAt: { exists: false } },
        { updatedAt: { less_than: new Date(now.getTime() - abandonedAfterMs).toISOString() } },
        ...(queue === undefined ? [] : [{ queue: { equals: queue } }]),
      ],
    },
    sort: 'updatedAt',
    limit: MAX_RELEASED,
    depth: 0,
    overrideAccess: true,
  })
  let released = 0
  for (const job of docs) {
    // Only if it is still as it was found: a runner that finished meanwhile keeps its result.
    const { docs: updated } = await payload.update({
      collection: 'payload-jobs',
      where: {
        and: [
          { id: { equals: job.id } },
          { processing: { equals: true } },
          { updatedAt: { equals: job.updatedAt } },
        ],
      },
      data: { processing: false },
      depth: 0,
      overrideAccess: true,
    })
    if (updated.length > 0) {
      released += 1
      payload.logger.warn(
        `Job ${job.id} (${job.taskSlug ?? 'workflow'}, queue ${job.queue ?? 'default'}) was left processing since ${job.updatedAt}: released to run again.`,
      )
    }
  }
  return released
}

/**
 * Releases abandoned jobs now and every `everyMs` (the timer does not keep the process alive).
 * For the processes that run the queues; returns the function that stops it.
 */
export const watchAbandonedJobs = ({
  payload,
  everyMs = ABANDONED_CHECK_MS,
}: {
  payload: Payload
  everyMs?: number
}): (() => void) => {
  let stopped = false
  const check = () => {
    releaseAbandonedJobs({ payload }).catch((error: unknown) => {
      if (!stopped) {
        payload.logger.error({ err: error, msg: 'Looking for abandoned jobs failed.' })
      }
    })
  }
  check()
  const timer = setInterval(check, everyMs)
  timer.unref()
  return () => {
    stopped = true
    clearInterval(timer)
  }
}
