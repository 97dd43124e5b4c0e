import { sql } from '@payloadcms/db-sqlite'
import type { SQLiteAdapter } from '@payloadcms/db-sqlite'
import Database from 'libsql'
import type { PayloadRequest } from 'payload'

import { sqliteFile } from '@/config/database'

import type { BodiesWanted, SnapshotStore, StoredSnapshot } from './types'
import { decodeVariants, storedBody } from './variants'

// SQLite allows at most 32,766 bound values per statement; stay far below.
const CHUNK = 500

const chunks = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) =>
    items.slice(i * CHUNK, (i + 1) * CHUNK),
  )

type Statement = ReturnType<typeof sql>

type Session = {
  run: (s: Statement) => Promise<unknown>
  all: (s: Statement) => Promise<unknown[]>
}

/** The request's transaction when it has one, as Payload's own writes use it; else the client. */
const sessionOf = async ({
  adapter,
  req,
}: {
  adapter: SQLiteAdapter
  req?: Partial<PayloadRequest>
}): Promise<Session> => {
  const transactionId = req?.transactionID ? await req.transactionID : undefined
  return ((transactionId !== undefined && adapter.sessions?.[transactionId]?.db) ||
    adapter.drizzle) as unknown as Session
}

/** Runs a statement on the request's transaction when it has one. */
const runIn = async ({
  adapter,
  req,
  statement,
}: {
  adapter: SQLiteAdapter
  req?: Partial<PayloadRequest>
  statement: Statement
}): Promise<void> => {
  await (await sessionOf({ adapter, req })).run(statement)
}

/** Whether published_articles has `column` yet, as `req`'s transaction sees the schema. */
const hasColumn = async ({
  adapter,
  req,
  column,
}: {
  adapter: SQLiteAdapter
  req?: Partial<PayloadRequest>
  column: string
}): Promise<boolean> => {
  const rows = await (
    await sessionOf({ adapter, req })
  ).all(sql`SELECT 1 FROM pragma_table_info('published_articles') WHERE name = ${column}`)
  return rows.length > 0
}

// The compressed bodies a lookup reads, stored in this order after every other column (the
// packed one first): a lookup for identity stops at the packed body's last page. The packed body
// is read for every encoding (its first bytes give the body's length), at no cost in pages.
const VARIANT_COLUMNS = {
  all: ['body_lz4', 'body_br', 'body_gzip'],
  identity: ['body_lz4'],
  br: ['body_lz4', 'body_br'],
  gzip: ['body_lz4', 'body_gzip'],
} as const satisfies Record<BodiesWanted, readonly string[]>

const VARIANT_OF = { body_lz4: 'lz4', body_br: 'br', body_gzip: 'gzip' } as const

// As a blob, the body arrives as bytes: no string to build, encode again and collect.
const bySlug = (wanted: BodiesWanted): string =>
  `SELECT article_id, etag, origin, is_stale, servable_while_stale, review_status_changes_at, updated_at, CAST(body AS BLOB), ${VARIANT_COLUMNS[wanted].join(', ')} FROM published_articles WHERE slug = ? LIMIT 1`

type Row = [
  number | null,
  string,
  string,
  number,
  number | null,
  string | null,
  string | null,
  Buffer | ArrayBuffer | null,
  // Bytes (base64 text in a row stored before they were kept as bytes).
  ...(Buffer | ArrayBuffer | string | null)[],
]

/** `word` as a LIKE pattern that matches it literally anywhere, with `\` as the escape character. */
const containsPattern = (word: string): string => `%${word.replace(/[\\%_]/g, '\\$&')}%`

/** Every word, literally, in `column`. */
const allWordsIn = (column: 'title' | 'summary', words: string[]) =>
  sql.join(
    words.map((word) => sql`${sql.identifier(column)} LIKE ${containsPattern(word)} ESCAPE '\\'`),
    sql` AND `,
  )

/**
 * The lookup connection's page cache. A lookup walks the slug index and the table's interior
 * pages, then reads its row's page; the rows flow through the cache once each. SQLite's default,
 * 2 MB, kept that walk cached at 10,000 articles (about 100 pages) but not at 100,000 (745 index
 * and 235 interior pages): a lookup there read 2.5 pages from the file instead of 1.15. With 16 MB
 * it reads 1.46 (system calls counted on the server under article load, 100,000 articles).
 */
export const LOOKUP_CACHE_KIB = 16 * 1024

/** The lookup by slug for each set of bodies, as SQL a connection of its own prepares. */
export const SLUG_LOOKUPS = Object.fromEntries(
  Object.keys(VARIANT_COLUMNS).map((wanted) => [wanted, bySlug(wanted as BodiesWanted)]),
) as Record<BodiesWanted, string>

/**
 * A row found by a lookup: with `release` when its bytes are lent (memory the lookup reuses once
 * released).
 */
export type FoundRow = { row: unknown[] | undefined; release?: () => void }

/**
 * A lookup elsewhere (src/db/readModelStore/lookupThread.ts): a row (or none), or `ended` when that
 * thread ended before answering; null when it has ended. With `lend`, the row's bytes may be lent.
 */
type LookupElsewhere = (
  slug: string,
  wanted: BodiesWanted,
  lend: boolean,
) => Promise<FoundRow | 'ended'> | null

const lookupsElsewhere = new WeakMap<SQLiteAdapter, LookupElsewhere>()

/** Sends this adapter's lookups by slug to `lookup`, or (null) back to the event loop. */
export const lookUpSlugsWith = (adapter: SQLiteAdapter, lookup: LookupElsewhere | null): void => {
  if (lookup) {
    lookupsElsewhere.set(adapter, lookup)
  } else {
    lookupsElsewhere.delete(adapter)
  }
}

type Lookups = Record<BodiesWanted, Database.Statement<[string]>>

const lookups = new WeakMap<SQLiteAdapter, Lookups>()

/**
 * The lookup by slug, prepared once on a read connection of its own: Payload's client prepares
 * every statement again and builds a row object per column, several times what the read costs.
 * WAL lets that connection read while others write. It closes when Payload's client closes.
 */
const slugLookups = (adapter: SQLiteAdapter): Lookups | null => {
  const known = lookups.get(adapter)
  if (known) {
    return known
  }
  const file = sqliteFile(adapter.clientConfig.url)
  if (!file) {
    return null
  }
  const connection = new Database(file, { fileMustExist: true, timeout: 5000 })
  connection.exec(`PRAGMA cache_size = -${LOOKUP_CACHE_KIB}`)
  const closeClient = adapter.client.close.bind(adapter.client)
  adapter.client.close = () => {
    connection.close()
    closeClient()
  }
  const prepared = Object.fromEntries(
    Object.entries(SLUG_LOOKUPS).map(([wanted, query]) => [
      wanted,
      connection.prepare<[string]>(query).raw(true),
    ]),
  ) as Lookups
  lookups.set(adapter, prepared)
  return prepared
}

/** The lookup by slug on this thread: prepared, on its own connection, for a SQLite file. */
const lookUpHere = async ({
  adapter,
  slug,
  wanted,
}: {
  adapter: SQLiteAdapter
  slug: string
  wanted: BodiesWanted
}): Promise<unknown> => {
  // SQLite keeps a closed connection alive for its prepared statements: ask Payload's client.
  if (adapter.client.closed) {
    throw new Error('The database connection is closed.')
  }
  const lookup = slugLookups(adapter)?.[wanted]
  return lookup
    ? lookup.get(slug)
    : (await adapter.client.execute({ sql: SLUG_LOOKUPS[wanted], args: [slug] })).rows[0]
}

/** A row as the delivery API reads it (none, or a row without an article: null). */
const toSnapshot = (row: Row | undefined, wanted: BodiesWanted): StoredSnapshot | null => {
  if (!row || row[0] === null) {
    return null
  }
  const [
    articleId,
    etag,
    origin,
    isStale,
    servableWhileStale,
    reviewStatusChangesAt,
    renderedAt,
    body,
    ...compressed
  ] = row
  return {
    articleId,
    body: body === null || Buffer.isBuffer(body) ? body : Buffer.from(body),
    variants: decodeVariants(
      Object.fromEntries(
        VARIANT_COLUMNS[wanted].map((column, i) => [VARIANT_OF[column], compressed[i]]),
      ),
    ),
    etag,
    origin,
    isStale: Boolean(isStale),
    servableWhileStale: Boolean(isStale) && Boolean(servableWhileStale),
    reviewStatusChangesAt,
    renderedAt,
  }
}

/** A prepared statement for reads by slug; one statement on the transaction's session for writes. */
export const sqliteStore = (adapter: SQLiteAdapter): SnapshotStore => {
  const lookUp = async (slug: string, wanted: BodiesWanted, lend: boolean): Promise<FoundRow> => {
    // A closed client has ended the thread too (lookupThread.ts): lookUpHere says it is closed.
    const asked = lookupsElsewhere.get(adapter)?.(slug, wanted, lend)
    const answer = asked ? await asked : 'ended'
    return answer === 'ended'
      ? { row: (await lookUpHere({ adapter, slug, wanted })) as unknown[] | undefined }
      : answer
  }
  return {
    findBySlug: async (slug, wanted = 'all') =>
      toSnapshot((await lookUp(slug, wanted, false)).row as Row | undefined, wanted),
    lendBySlug: async (slug, wanted, use) => {
      const { row, release } = await lookUp(slug, wanted, true)
      try {
        return await use(toSnapshot(row as Row | undefined, wanted))
      } finally {
        release?.()
      }
    },
    articleIdsToRefresh: async ({ now, otherThan }) => {
      // A UNION, not an OR with Payload's default sort: the planner walked the created-at index
      // through every row instead of asking the two indexes.
      const otherSettings =
        otherThan === undefined
          ? sql``
          : sql` UNION SELECT article_id FROM published_articles WHERE origin IS NOT ${otherThan}`
      const rows = (await (
        await sessionOf({ adapter })
      ).all(
        sql`SELECT article_id FROM published_articles WHERE is_stale = 1
        UNION SELECT article_id FROM published_articles
          WHERE review_status_changes_at <= ${now.toISOString()}${otherSettings}`,
      )) as { article_id: number | null }[]
      return rows.flatMap((row) => (row.article_id === null ? [] : [row.article_id]))
    },
    oldestOrigin: async () => {
      const [row] = (await (
        await sessionOf({ adapter })
      ).all(
        sql`SELECT coalesce(origin, '') AS origin FROM published_articles
        WHERE article_id IS NOT NULL ORDER BY updated_at LIMIT 1`,
      )) as { origin: string }[]
      return row ? row.origin : null
    },
    searchLive: async ({ words, topicId, page, limit }) => {
      const session = await sessionOf({ adapter })
      // `+article_id`: the topic's articles are checked during the walk of the search index, not
      // looked up one by one in the table, whose rows keep these columns after their bodies.
      const inTopic =
        topicId === undefined
          ? sql``
          : sql` AND +article_id IN (SELECT parent_id FROM articles_rels
            WHERE path = 'topics' AND topics_id = ${topicId})`
      // No word: every live article, as text that contains every one of no words.
      const text =
        words.length === 0
          ? sql`1 = 1`
          : sql`((${allWordsIn('title', words)}) OR (${allWordsIn('summary', words)}))`
      const where = sql`article_id IS NOT NULL AND ${text}${inTopic}`
      const [counted] = (await session.all(
        sql`SELECT count(*) AS n FROM published_articles WHERE ${where}`,
      )) as { n: number }[]
      const rows = (await session.all(
        sql`SELECT article_id FROM published_articles WHERE ${where}
        ORDER BY published_at DESC, article_id DESC LIMIT ${limit} OFFSET ${(page - 1) * limit}`,
      )) as { article_id: number }[]
      return { ids: rows.map((row) => row.article_id), totalDocs: Number(counted?.n ?? 0) }
    },
    save: async ({ articleId, rendered, req }) => {
      const now = new Date().toISOString()
      const { br = null, gzip = null, lz4 = null } = rendered.variants ?? {}
      await runIn({
        adapter,
        req,
        statement: sql`INSERT INTO published_articles
        (slug, article_id, body, body_br, body_gzip, body_lz4, etag, origin,
          review_status_changes_at, review_flags, needs_review, is_stale, servable_while_stale,
          title, summary, published_at, updated_at, created_at)
        VALUES (${rendered.slug}, ${articleId}, ${storedBody(rendered.body, { lz4 })},
          ${br}, ${gzip}, ${lz4},
          ${rendered.etag}, ${rendered.origin},
          ${rendered.reviewStatusChangesAt}, ${JSON.stringify(rendered.reviewFlags)},
          ${rendered.reviewFlags.length > 0 ? 1 : 0}, 0, 0,
          ${rendered.title}, ${rendered.summary}, ${rendered.publishedAt}, ${now}, ${now})
        ON CONFLICT (article_id) DO UPDATE SET slug = excluded.slug, body = excluded.body,
          body_br = excluded.body_br, body_gzip = excluded.body_gzip,
          body_lz4 = excluded.body_lz4, etag = excluded.etag, origin = excluded.origin,
          review_status_changes_at = excluded.review_status_changes_at,
          review_flags = excluded.review_flags, needs_review = excluded.needs_review, is_stale = 0,
          servable_while_stale = 0, title = excluded.title, summary = excluded.summary,
          published_at = excluded.published_at, updated_at = excluded.updated_at`,
      })
    },
    saveVariants: async ({ articleId, etag, variants, req }) => {
      const { br = null, gzip = null, lz4 = null } = variants
      await runIn({
        adapter,
        req,
        statement: sql`UPDATE published_articles SET body_br = ${br}, body_gzip = ${gzip},
          body_lz4 = ${lz4}, body = CASE WHEN ${lz4} IS NULL THEN body END
        WHERE article_id = ${articleId} AND etag = ${etag}`,
      })
    },
    markStale: async ({ articleIds, servable = false, req }) => {
      const run = (statement: Statement) => runIn({ adapter, req, statement })
      const scopes =
        articleIds === 'all'
          ? [sql`1 = 1`]
          : chunks(articleIds).map(
              (ids) =>
                sql`article_id IN (${sql.join(
                  ids.map((id) => sql`${id}`),
                  sql`, `,
                )})`,
            )
      // Stale in presentation before, now for more: cleared below. Migrations older than the column
      // mark renderings too, on a schema without it.
      const clearsServable =
        !servable && (await hasColumn({ adapter, req, column: 'servable_while_stale' }))
      for (const scope of scopes) {
        // A fresh rendering is never servable-while-stale (`save` clears both): setting is_stale
        // alone marks it for a reason readers must not see past.
        await run(
          servable
            ? sql`UPDATE published_articles SET is_stale = 1, servable_while_stale = 1
              WHERE ${scope} AND is_stale = 0`
            : sql`UPDATE published_articles SET is_stale = 1 WHERE ${scope} AND is_stale = 0`,
        )
        if (clearsServable) {
          await run(
            sql`UPDATE published_articles SET servable_while_stale = 0
            WHERE ${scope} AND servable_while_stale = 1`,
          )
        }
      }
    },
  }
}
