/**
 * SQLite plans a query from what it knows of its indexes. Without statistics it takes an equality
 * on any indexed column for a handful of rows, `_status` included (two values, most articles
 * published), and read every published version for each rendering: 22 ms at 28,000 articles and
 * growing with the library. The work that names articles — rendering them, finding the ones that
 * show a changed author — must go through those articles' own indexes, never a status index, on
 * the connections the server itself uses: the client's (reads) and the writer's (transactions).
 * The database is built as `npm start` builds it, by migrations, on a connection opened before.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Payload } from 'payload'

import { applyMigrations } from '@/db/migrations'
import { refreshSnapshotsNow } from '@/delivery/readModel/refresh'
import { refreshStaleSnapshots } from '@/delivery/readModel/refreshJob'
import { snapshotStore } from '@/db/readModelStore'
import { seedDemo } from '@/seed/seedDemo'
import { planOn, statementsOf } from '../helpers/sqlitePlans'
import type { Execute } from '../helpers/sqlitePlans'
import { startUnmigratedPayload } from '../helpers/unmigratedPayload'

type Client = {
  execute: Execute
  transaction: () => Promise<{ execute: Execute; rollback: () => Promise<void> }>
}

// Always SQLite: MongoDB plans by trying candidate plans on the data itself.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-query-plans-'))
let payload: Payload
let articleId: number | string

const client = (): Client => (payload.db as unknown as { client: Client }).client

/** Each SELECT from `tables` that `work` runs, planned on both of the server's connections. */
const plansOf = async (work: () => Promise<unknown>, tables = ['_articles_v', 'articles']) => {
  const reads = (await statementsOf(work)).filter(
    (sql) =>
      /^\s*select\b/i.test(sql) &&
      tables.some((table) => new RegExp(`from "?${table}"?\\s`, 'i').test(sql)),
  )
  const writer = await client().transaction()
  try {
    const plans: { sql: string; reading: string; writing: string }[] = []
    for (const sql of reads) {
      plans.push({
        sql,
        reading: await planOn(client().execute.bind(client()), sql),
        writing: await planOn(writer.execute.bind(writer), sql),
      })
    }
    return plans
  } finally {
    await writer.rollback()
  }
}

const STATUS_INDEX = /USING (COVERING )?INDEX \S*_status\S*/

beforeAll(async () => {
  payload = await startUnmigratedPayload({
    dir,
    secret: 'query-plans-test-secret-0123456789abcdef',
  })
  // The writer's connection is open before the migrations run, as in `npm start`.
  await payload
    .create({ collection: 'topics', data: { name: 'Before' } } as never)
    .catch(() => undefined)
  await applyMigrations({
    payload,
    choice: { adapter: 'sqlite', url: process.env.DATABASE_URI as string },
  })
  ;({ articleId } = await seedDemo({
    payload,
    demoPassword: 'query-plans-password',
    withDemoAccounts: false,
    reviewIntervalMonths: 24,
  }))
})

afterAll(async () => {
  await payload?.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('the refresh job finds what to render without reading every rendering', () => {
  it('asks for stale renderings, or ones whose review status has changed, through indexes', async () => {
    const plans = await plansOf(() => refreshStaleSnapshots({ payload }), ['published_articles'])
    const finding = plans.filter(({ sql }) => /review_status_changes_at"? <=/.test(sql))
    expect(finding).toHaveLength(1)
    // A scan reads every body too: the stale columns come after them in each row.
    for (const plan of [finding[0]?.reading, finding[0]?.writing]) {
      expect(plan).toMatch(/published_articles_is_stale_idx/)
      expect(plan).toMatch(/published_articles_review_status_changes_at_idx/)
      expect(plan).not.toMatch(/SCAN published_articles/)
    }
  })
})

describe('the settings the oldest rendering was made for', () => {
  it('are read through the index on when renderings were saved, not every row', async () => {
    const plans = await plansOf(() => snapshotStore(payload).oldestOrigin(), ['published_articles'])
    expect(plans).toHaveLength(1)
    expect(plans[0]?.reading).toMatch(/published_articles_updated_at_idx/)
    expect(plans[0]?.reading).not.toMatch(/SCAN published_articles(?! USING)/)
  })
})

describe('queries that name articles use the articles’ own indexes', () => {
  it('rendering an article finds its live version through the article’s id', async () => {
    const plans = await plansOf(() => refreshSnapshotsNow({ payload, articleIds: [articleId] }))
    expect(plans.some(({ sql }) => sql.includes('"_articles_v"'))).toBe(true)
    expect(
      plans.filter(({ reading, writing }) => STATUS_INDEX.test(`${reading} ${writing}`)),
    ).toEqual([])
  })

  /**
   * Saves the document the article's `field` points at, with `data`: the plans of the save's
   * questions about articles through that field.
   */
  const plansThrough = async ({
    field,
    collection,
    data,
  }: {
    field: 'author' | 'disclaimer'
    collection: 'authors' | 'disclaimers'
    data: Record<string, unknown>
  }) => {
    const article = await payload.findByID({ collection: 'articles', id: articleId, depth: 0 })
    const plans = await plansOf(() =>
      payload.update({ collection, id: article[field] as number, data }),
    )
    const column = new RegExp(`"articles"\\."${field}_id" (in|=)`)
    return plans.filter(({ sql }) => column.test(sql))
  }

  it('a changed author finds the live articles showing it through the author', async () => {
    const finding = await plansThrough({
      field: 'author',
      collection: 'authors',
      data: { affiliation: 'Query plan clinic' },
    })
    expect(finding).toHaveLength(1)
    expect(finding[0]?.reading).toMatch(/USING (COVERING )?INDEX articles_author_idx/)
    expect(finding[0]?.writing).toMatch(/USING (COVERING )?INDEX articles_author_idx/)
  })

  it('a changed disclaimer asks whether any live article shows it: the first one, through the disclaimer', async () => {
    const asking = await plansThrough({
      field: 'disclaimer',
      collection: 'disclaimers',
      data: { title: 'Query plan disclaimer' },
    })
    // One question in the save, stopping at the first article: no count of them all.
    expect(asking).toHaveLength(1)
    expect(asking[0]?.sql).toMatch(/limit \?|limit 1\b/i)
    expect(asking[0]?.sql).not.toMatch(/count\(/i)
    for (const plan of [asking[0]?.reading, asking[0]?.writing]) {
      expect(plan).toMatch(/USING (COVERING )?INDEX articles_disclaimer_idx/)
      // In the index's order: no sort of every match before the first is taken.
      expect(plan).not.toMatch(/TEMP B-TREE/)
    }
  })
})
