import Database from 'libsql'

import { contentOf } from '../tests/helpers/articleContent'
import type { Article } from '@payload-types'
import { walBytes } from '@/db/sqliteWriters'

type Api = (
  path: string,
  init?: { method?: string; token?: string; json?: unknown },
) => Promise<Response>

/** Payload's REST door of the running server, as the admin calls it. */
export const restApi =
  (base: string): Api =>
  async (path, { method = 'GET', token, json } = {}) =>
    fetch(`${base}/api${path}`, {
      method,
      headers: {
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `JWT ${token}` } : {}),
      },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    })

const expectOk = async <T>(res: Response, what: string): Promise<T> => {
  if (!res.ok) {
    throw new Error(`${what} answered ${res.status}: ${(await res.text()).slice(0, 500)}`)
  }
  return (await res.json()) as T
}

/** Logs a demo account in; the token goes in `Authorization: JWT …` or the `payload-token` cookie. */
export const logIn = async ({
  api,
  who,
  password,
}: {
  api: Api
  who: 'admin' | 'editor' | 'writer' | 'reviewer'
  password: string
}): Promise<string> =>
  (
    await expectOk<{ token: string }>(
      await api('/users/login', {
        method: 'POST',
        json: { email: `${who}@example.com`, password },
      }),
      `logging in as ${who}`,
    )
  ).token

export type Tokens = Record<'admin' | 'editor' | 'writer' | 'reviewer', string>

/**
 * `count` articles written like the demo's seed article and submitted for review, as the writer
 * does it in the admin: what the decision case approves and publishes.
 */
export const articlesInReview = async ({
  api,
  tokens,
  seedArticleId,
  count,
}: {
  api: Api
  tokens: Tokens
  seedArticleId: number
  count: number
}): Promise<number[]> => {
  const seedArticle = await expectOk<Article>(
    await api(`/articles/${seedArticleId}?depth=0`, { token: tokens.editor }),
    'reading the seed article',
  )
  const template = contentOf(seedArticle)
  const ids: number[] = []
  for (let i = 1; i <= count; i += 1) {
    const { doc } = await expectOk<{ doc: { id: number } }>(
      await api('/articles', {
        method: 'POST',
        token: tokens.writer,
        json: { ...template, title: `Bench decision ${i}`, slug: `bench-decision-${i}` },
      }),
      `creating decision article ${i}`,
    )
    await expectOk(
      await api(`/articles/${doc.id}/workflow`, {
        method: 'POST',
        token: tokens.writer,
        json: { action: 'submit' },
      }),
      `submitting decision article ${i}`,
    )
    ids.push(doc.id)
  }
  return ids
}

/**
 * For each article in turn: the reviewer approves (naming the fingerprint the panel showed, and
 * attesting), then the editor publishes, both through the workflow endpoint. Returns the time
 * from sending the approval to the publish's answer, per article, in ms.
 */
export const timeDecisions = async ({
  api,
  tokens,
  ids,
}: {
  api: Api
  tokens: Tokens
  ids: number[]
}): Promise<number[]> => {
  const times: number[] = []
  for (const id of ids) {
    // The panel is on screen before the reviewer decides: not part of the decision's time.
    const { fingerprint } = await expectOk<{ fingerprint: string }>(
      await api(`/articles/${id}/workflow`, { token: tokens.reviewer }),
      `reading the workflow panel of ${id}`,
    )
    const started = performance.now()
    await expectOk(
      await api(`/articles/${id}/workflow`, {
        method: 'POST',
        token: tokens.reviewer,
        json: { action: 'approve', fingerprint, attest: true },
      }),
      `approving ${id}`,
    )
    await expectOk(
      await api(`/articles/${id}/workflow`, {
        method: 'POST',
        token: tokens.editor,
        json: { action: 'publish' },
      }),
      `publishing ${id}`,
    )
    times.push(performance.now() - started)
  }
  return times
}

/**
 * Saves new text for the disclaimer every bench article shows, then waits until no rendering is
 * stale (read from the database file, as nothing in the API lists them). Returns the ms from
 * sending the save to the last rendering made again, and the largest the database's write-ahead
 * log was meanwhile (looked at every 250 ms).
 */
export const timeRerender = async ({
  api,
  tokens,
  databaseFile,
  disclaimerTitle,
  timeoutMs,
}: {
  api: Api
  tokens: Tokens
  databaseFile: string
  disclaimerTitle: string
  timeoutMs: number
}): Promise<{ ms: number; walMb: number }> => {
  const { docs } = await expectOk<{ docs: { id: number }[] }>(
    await api(
      `/disclaimers?where[title][equals]=${encodeURIComponent(disclaimerTitle)}&depth=0&limit=1`,
      { token: tokens.editor },
    ),
    'finding the bench disclaimer',
  )
  const id = docs[0]?.id
  if (id === undefined) {
    throw new Error(`no disclaimer titled ${JSON.stringify(disclaimerTitle)}`)
  }
  let largestWal = walBytes(databaseFile)
  const watchWal = setInterval(() => {
    largestWal = Math.max(largestWal, walBytes(databaseFile))
  }, 250)
  try {
    const ms = await saveAndWait({ api, tokens, databaseFile, id, timeoutMs })
    return { ms, walMb: Math.round(Math.max(largestWal, walBytes(databaseFile)) / 1024 ** 2) }
  } finally {
    clearInterval(watchWal)
  }
}

const saveAndWait = async ({
  api,
  tokens,
  databaseFile,
  id,
  timeoutMs,
}: {
  api: Api
  tokens: Tokens
  databaseFile: string
  id: number
  timeoutMs: number
}): Promise<number> => {
  const started = performance.now()
  const savedAt = new Date().toISOString()
  await expectOk(
    await api(`/disclaimers/${id}`, {
      method: 'PATCH',
      token: tokens.editor,
      json: {
        text: [{ children: [{ text: `Not advice (revised ${new Date().toISOString()}).` }] }],
      },
    }),
    'saving the disclaimer',
  )
  await untilRenderedSince({ databaseFile, disclaimerId: id, since: savedAt, timeoutMs })
  return performance.now() - started
}

/** How long the save may go without a rendering made stale or new before the case gives up. */
const NO_START_MS = 60_000

/**
 * Resolves once every rendering that shows the disclaimer was made at or after `since` (ISO), and
 * none is stale.
 * The refresh job finds and marks the renderings a presentation edit touched after the edit has
 * committed, so "none stale" alone can hold before it has started. Throws when nothing is marked or
 * made within `NO_START_MS` (the save touched no rendering), or after `timeoutMs`.
 */
const untilRenderedSince = async ({
  databaseFile,
  disclaimerId,
  since,
  timeoutMs,
}: {
  databaseFile: string
  disclaimerId: number
  since: string
  timeoutMs: number
}): Promise<void> => {
  const started = performance.now()
  for (;;) {
    const older = countIn(
      databaseFile,
      `SELECT count(*) FROM published_articles JOIN articles ON articles.id = article_id
        WHERE articles.disclaimer_id = ? AND published_articles.updated_at < ?`,
      String(disclaimerId),
      since,
    )
    const stale = staleRenderings(databaseFile)
    if (older === 0 && stale === 0) {
      return
    }
    const waited = performance.now() - started
    if (waited > NO_START_MS && stale === 0 && renderedSince(databaseFile, since) === 0) {
      throw new Error(`saving the disclaimer made no rendering stale or new in ${NO_START_MS} ms`)
    }
    if (waited > timeoutMs) {
      throw new Error(`${older} renderings not made again after ${timeoutMs} ms`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** A count from the database file, on a read-only connection of its own. */
const countIn = (databaseFile: string, sql: string, ...args: string[]): number => {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true, timeout: 5000 })
  try {
    const row = db.prepare(sql).raw(true).get(args) as [number]
    return Number(row[0])
  } finally {
    db.close()
  }
}

/** How many stored renderings are stale, read from the database file. */
export const staleRenderings = (databaseFile: string): number =>
  countIn(databaseFile, 'SELECT count(*) FROM published_articles WHERE is_stale = 1')

/** How many renderings were made at or after `since` (ISO). */
const renderedSince = (databaseFile: string, since: string): number =>
  countIn(databaseFile, 'SELECT count(*) FROM published_articles WHERE updated_at >= ?', since)

/** Resolves once no rendering is stale; throws after `timeoutMs`. */
export const untilFresh = async ({
  databaseFile,
  timeoutMs,
}: {
  databaseFile: string
  timeoutMs: number
}): Promise<void> => {
  const started = performance.now()
  for (
    let stale = staleRenderings(databaseFile);
    stale > 0;
    stale = staleRenderings(databaseFile)
  ) {
    if (performance.now() - started > timeoutMs) {
      throw new Error(`${stale} renderings still stale after ${timeoutMs} ms`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
