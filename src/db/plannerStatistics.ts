import type { Payload } from 'payload'

type Statement = string | { sql: string; args: unknown[] }
type Client = {
  execute: (statement: Statement) => Promise<{ rows: unknown[] }>
  batch: (statements: Statement[], mode: 'write') => Promise<unknown>
}

/**
 * Indexes on a column with a few values spread over many rows (about half the rows per value):
 * `_status` is draft or published, most articles published; `latest` is true for most versions.
 */
const LOW_SELECTIVITY: [table: string, index: string, stat: string][] = [
  ['articles', 'articles__status_idx', '100000 50000'],
  ['articles', '_status_publishedAt_idx', '100000 50000 2'],
  ['_articles_v', '_articles_v_version_version__status_idx', '100000 50000'],
  ['_articles_v', 'version__status_version_publishedAt_idx', '100000 50000 2'],
  // Each article's newest version is the latest: most versions of a library that is not edited
  // all day. Taken as selective, it sent the editors' queues (the latest versions in a stage)
  // through every latest version: 0.4-0.8 s a query at 100,000 articles.
  ['_articles_v', '_articles_v_latest_idx', '100000 50000'],
]

/**
 * SQLite's query planner, without statistics, takes an equality on any indexed column to match a
 * handful of rows. On `_status` that sent "the live versions of these articles" through the status
 * index instead of the articles' own: every published version read for each rendering, 22 ms at
 * 28,000 articles and growing with the library (seeding 100,000 slowed from 70 to 34 articles a
 * second). Written into `sqlite_stat1` as SQLite's documentation suggests for stable plans, these
 * rows say what the status columns are like whatever the library's size; every other index keeps
 * the default (selective). Runs once the schema is there: at start-up and after migrations.
 *
 * A connection reads the statistics when it loads the schema. Creating `sqlite_stat1` changes the
 * schema, so it is created in the same transaction as the rows: every open connection reloads
 * after both. The connection that wrote them reloads at once (`ANALYZE sqlite_schema`). Rows
 * changed in an existing `sqlite_stat1` (someone ran ANALYZE) reach other open connections at the
 * next start.
 */
export const plannerStatistics = async (payload: Payload): Promise<void> => {
  if (payload.db.name !== 'sqlite') {
    // MongoDB plans by trying candidate plans on the data itself.
    return
  }
  const { client } = payload.db as unknown as { client: Client }
  const names = LOW_SELECTIVITY.map(([, index]) => index)
  const { rows: present } = await client.execute({
    sql: `select name from sqlite_master where name in (${names.map(() => '?').join(', ')}) or name = 'sqlite_stat1'`,
    args: names,
  })
  if (present.length === 0) {
    // Before the first migration: nothing to describe yet.
    return
  }
  const hasTable = present.some((row) => (row as { name?: unknown }).name === 'sqlite_stat1')
  if (hasTable) {
    const { rows: written } = await client.execute({
      sql: `select idx, stat from sqlite_stat1 where idx in (${names.map(() => '?').join(', ')})`,
      args: names,
    })
    const current = new Map(
      written.map((row) => [(row as { idx: string }).idx, (row as { stat: string }).stat]),
    )
    if (LOW_SELECTIVITY.every(([, index, stat]) => current.get(index) === stat)) {
      return
    }
  }
  await client.batch(
    [
      // ANALYZE of a small table creates sqlite_stat1; that of the whole database would describe
      // every index as it is today (perhaps an empty library), which the planner would trust later.
      ...(hasTable ? [] : ['ANALYZE payload_migrations']),
      ...LOW_SELECTIVITY.map(([table, index, stat]) => ({
        sql: 'INSERT OR REPLACE INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)',
        args: [table, index, stat],
      })),
    ],
    'write',
  )
  await client.execute('ANALYZE sqlite_schema')
}
