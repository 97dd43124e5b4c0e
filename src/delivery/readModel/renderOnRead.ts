import type { Payload } from 'payload'

import { nextTurn } from '@/shared/nextTurn'
import type { RenderedArticle } from './render'
import { refreshEachNow } from './refresh'

/** Stale articles rendered in one transaction for readers, at most. */
export const READ_BATCH = 50

type Waiter = { resolve: (rendered: RenderedArticle | null) => void; reject: (e: unknown) => void }

/**
 * Renders stale articles for readers who asked for them, many to a transaction: while one batch
 * renders, the articles asked for meanwhile gather into the next, and an article asked for by
 * several readers at once is rendered once. After a change every article shows (a disclaimer, the
 * publisher), readers of thousands of stale articles queue for SQLite's one writer a batch at a
 * time, not each on their own. A batch that fails is rendered again article by article
 * (`refreshEachNow`), so one article that cannot be rendered fails only its own readers.
 */
export const renderOnRead = (
  payload: Payload,
): ((articleId: number | string) => Promise<RenderedArticle | null>) => {
  let gathering: Map<string, { id: number | string; waiters: Waiter[] }> | null = null
  let previous: Promise<void> = Promise.resolve()

  const render = async (batch: Map<string, { id: number | string; waiters: Waiter[] }>) => {
    const entries = [...batch.values()]
    const outcomes = await refreshEachNow({ payload, articleIds: entries.map((entry) => entry.id) })
    for (const { id, waiters } of entries) {
      const outcome = outcomes.get(String(id)) ?? null
      waiters.forEach((waiter) =>
        outcome instanceof Error ? waiter.reject(outcome) : waiter.resolve(outcome),
      )
    }
  }

  return (articleId) =>
    new Promise((resolve, reject) => {
      if (!gathering || gathering.size >= READ_BATCH) {
        const batch = new Map<string, { id: number | string; waiters: Waiter[] }>()
        gathering = batch
        // One turn of the event loop first: the requests already received join this batch.
        previous = previous.then(nextTurn).then(() => {
          // From here on, readers gather into the next batch.
          if (gathering === batch) {
            gathering = null
          }
          return render(batch)
        })
      }
      const key = String(articleId)
      const entry = gathering.get(key) ?? { id: articleId, waiters: [] }
      entry.waiters.push({ resolve, reject })
      gathering.set(key, entry)
    })
}
