/**
 * SQLite plans a query from what it knows of its indexes. Without statistics it takes an equality
 * on any indexed column for a handful of rows, `_status` included (two values, most articles
 * published), and read every published version for each rendering: 22 ms at 28,000 articles and
 * growing with the library. The work that names articles — rendering them, finding the ones that
 * show a changed author — must go through those articles' own indexes, never a status index.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import Database from 'libsql'

import { refreshSnapshotsNow } from '@/delivery/readModel/refresh'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const isMongo = /^mongodb/.test(process.env.TEST_DATABASE_URI ?? '')
// MongoDB plans by trying candidate plans on the data itself: nothing here applies to it.
const itOnSqlite = isMongo ? it.skip : it

let t: TestPayload
let articleId: number

type Prepare = (this: unknown, sql: string) => unknown
const prototype = (Database as unknown as { prototype: { prepare: Prepare } }).prototype

/** The SQL statements `work` prepares, on any connection (transactions have their own). */
const statementsOf = async (work: () => Promise<unknown>): Promise<string[]> => {
  const prepare = prototype.prepare
  const seen: string[] = []
  prototype.prepare = function (sql) {
    seen.push(sql)
    return prepare.call(this, sql)
  }
  try {
    await work()
  } finally {
    prototype.prepare = prepare
  }
  return seen
}

/** The plan SQLite makes for `sql` on a connection of its own (as a new connection would). */
const planOf = (sql: string): string => {
  const file = (process.env.DATABASE_URI ?? '').replace(/^file:/, '')
  const db = new Database(file, { readonly: true })
  try {
    const args = Array.from(sql.match(/\?/g) ?? [], () => 1)
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).raw(true).all(args) as unknown[][]
    return rows.map((row) => String(row[3])).join(' | ')
  } finally {
    db.close()
  }
}

/** The plans of the SELECTs `work` runs that read articles or their versions. */
const articlePlansOf = async (work: () => Promise<unknown>) => {
  const statements = await statementsOf(work)
  return statements
    .filter((sql) => /^\s*select\b/i.test(sql) && /from "(_articles_v|articles)"/.test(sql))
    .map((sql) => ({ sql, plan: planOf(sql) }))
}

const STATUS_INDEX = /USING (COVERING )?INDEX \S*_status\S*/

beforeAll(async () => {
  t = await startTestPayload()
  articleId = await t.seedDemo('query-plans-password')
})

afterAll(async () => {
  await t?.close()
})

describe('queries that name articles use the articles’ own indexes', () => {
  itOnSqlite('rendering an article finds its live version through the article’s id', async () => {
    const plans = await articlePlansOf(() =>
      refreshSnapshotsNow({ payload: t.payload, articleIds: [articleId] }),
    )
    expect(plans.some(({ sql }) => sql.includes('"_articles_v"'))).toBe(true)
    expect(plans.filter(({ plan }) => STATUS_INDEX.test(plan))).toEqual([])
  })

  itOnSqlite('a changed author finds the live articles showing it through the author', async () => {
    const article = await t.payload.findByID({
      collection: 'articles',
      id: articleId,
      depth: 0,
      overrideAccess: true,
    })
    const plans = await articlePlansOf(() =>
      t.payload.update({
        collection: 'authors',
        id: article.author as number,
        data: { affiliation: 'Query plan clinic' },
        overrideAccess: true,
      }),
    )
    const finding = plans.filter(({ sql }) => /"articles"\."author_id" in/.test(sql))
    expect(finding).toHaveLength(1)
    expect(finding[0]?.plan).toMatch(/USING (COVERING )?INDEX articles_author_idx/)
  })
})
