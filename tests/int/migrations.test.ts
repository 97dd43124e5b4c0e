import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import type { Payload } from 'payload'

import { applyMigrations } from '@/db/migrations'
import { startUnmigratedPayload } from '../helpers/unmigratedPayload'

type DrizzleKitAdapter = {
  schema: unknown
  drizzle: unknown
  requireDrizzleKit: () => {
    pushSchema: (schema: unknown, drizzle: unknown) => Promise<{ statementsToExecute: string[] }>
  }
}

// Always SQLite: schema migrations exist only for SQL databases (MongoDB's schema comes from the config).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-migrations-'))
let payload: Payload

beforeAll(async () => {
  payload = await startUnmigratedPayload({
    dir,
    secret: 'migrations-test-secret-0123456789abcdef',
  })
})

afterAll(async () => {
  await payload?.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
})

it('builds a fresh SQLite database from migrations/sqlite alone, matching the config', async () => {
  await applyMigrations({
    payload,
    choice: { adapter: 'sqlite', url: process.env.DATABASE_URI as string },
  })
  const { totalDocs } = await payload.count({ collection: 'payload-migrations' })
  expect(totalDocs).toBeGreaterThan(0)

  const adapter = payload.db as unknown as DrizzleKitAdapter
  const { pushSchema } = adapter.requireDrizzleKit()
  const { statementsToExecute } = await pushSchema(adapter.schema, adapter.drizzle)
  // Anything listed here is a schema change without a migration: run `npm run payload migrate:create`.
  expect(statementsToExecute).toEqual([])
})

it('can then store and read an article', async () => {
  const article = await payload.create({
    collection: 'articles',
    data: { title: 'Migrated' },
    draft: true,
  })
  expect(article.slug).toBe('migrated')
})

it('moves sign-offs made before evidence was signed to the current fingerprint, nothing offline', async () => {
  const { seedDemo } = await import('@/seed/seedDemo')
  const { upgradeSignOffs } = await import('@/evidence/upgradeSignOffs')
  const { evidenceOf } = await import('@/workflow/evidence')
  const { contentFingerprint, legacyFingerprint } = await import('@/workflow/fingerprint')
  const { sql } = await import('@payloadcms/db-sqlite')
  const { articleId } = await seedDemo({
    payload,
    demoPassword: 'migration-demo-password',
    withDemoAccounts: false,
    reviewIntervalMonths: 24,
  })
  const live = await payload.findByID({ collection: 'articles', id: articleId, depth: 0 })
  // As an installation from before: a v1 fingerprint of the text, no signed evidence, no hashes.
  const { drizzle } = payload.db as unknown as {
    drizzle: { run: (s: unknown) => Promise<unknown> }
  }
  const run = (statement: unknown) => drizzle.run(statement)
  await run(
    sql`UPDATE articles SET approved_fingerprint = ${legacyFingerprint(live)}, signed_evidence = NULL WHERE id = ${articleId}`,
  )
  await run(
    sql`UPDATE _articles_v SET version_approved_fingerprint = ${legacyFingerprint(live)}, version_signed_evidence = NULL WHERE parent_id = ${articleId}`,
  )
  await run(sql`UPDATE media SET sha256 = NULL`)

  const moved = await upgradeSignOffs({ payload })
  expect(moved.articles).toBe(1)

  const after = await payload.findByID({ collection: 'articles', id: articleId, depth: 1 })
  expect(after).toMatchObject({ _status: 'published', stage: 'published', title: live.title })
  const hero = after.heroImage as { sha256?: string | null }
  expect(hero.sha256).toMatch(/^[0-9a-f]{64}$/)
  const evidence = evidenceOf({
    sources: (after.sources ?? []) as { id: number }[],
    heroImage: after.heroImage as { id: number },
  })
  expect(after.signedEvidence).toEqual(evidence)
  expect(after.approvedFingerprint).toBe(contentFingerprint({ content: live, evidence }))
  const { docs: versions } = await payload.findVersions({
    collection: 'articles',
    where: { parent: { equals: articleId } },
    depth: 0,
  })
  expect(versions.map((v) => v.version.approvedFingerprint)).toEqual(
    versions.map(() => after.approvedFingerprint),
  )
  // Running it again changes nothing.
  expect(await upgradeSignOffs({ payload })).toEqual({ articles: 0, versions: 0 })
})

it("gives renderings their article's title, summary and date going up, and a live article without a rendering a stale one", async () => {
  const migration = await import('@migrations/sqlite/20261205_032101_public_search')
  const { sql } = await import('@payloadcms/db-sqlite')
  const { snapshotStore } = await import('@/db/readModelStore')
  const { drizzle } = payload.db as unknown as {
    drizzle: {
      run: (s: unknown) => Promise<unknown>
      all: (s: unknown) => Promise<Record<string, unknown>[]>
    }
  }
  const args = { db: drizzle, payload, req: {} } as unknown as Parameters<typeof migration.up>[0]
  await migration.down(args)
  // As stored before: one live article rendered, one live never rendered, one draft.
  const article = (title: string, status: 'draft' | 'published') =>
    payload.db.create({
      collection: 'articles',
      data: {
        title,
        slug: title.toLowerCase().replace(/\W+/g, '-'),
        summary: `About ${title}, searched.`,
        _status: status,
        publishedAt: status === 'published' ? '2026-01-02T03:04:05.000Z' : null,
      },
    })
  const rendered = await article('Search rendered', 'published')
  const unrendered = await article('Search unrendered', 'published')
  await article('Search draft', 'draft')
  await drizzle.run(sql`INSERT INTO published_articles (slug, article_id, body, etag, origin)
    VALUES ('search-rendered', ${rendered.id}, '{}', '"r"', 'o')`)

  await migration.up(args)
  const rows = await drizzle.all(
    sql`SELECT slug, article_id, etag, is_stale, title, summary, published_at
      FROM published_articles WHERE slug LIKE 'search-%' ORDER BY slug`,
  )
  expect(rows).toEqual([
    {
      slug: 'search-rendered',
      article_id: rendered.id,
      etag: '"r"',
      is_stale: 0,
      title: 'Search rendered',
      summary: 'About Search rendered, searched.',
      published_at: '2026-01-02T03:04:05.000Z',
    },
    {
      slug: 'search-unrendered',
      article_id: unrendered.id,
      etag: '',
      is_stale: 1,
      title: 'Search unrendered',
      summary: 'About Search unrendered, searched.',
      published_at: '2026-01-02T03:04:05.000Z',
    },
  ])
  // The search finds both live articles, the draft not.
  const found = await snapshotStore(payload).searchLive({ words: ['searched'], page: 1, limit: 10 })
  expect(found).toEqual({ ids: [unrendered.id, rendered.id], totalDocs: 2 })
  // No word: every live article.
  expect((await snapshotStore(payload).searchLive({ words: [], page: 1, limit: 100 })).ids).toEqual(
    expect.arrayContaining([unrendered.id, rendered.id]),
  )

  // Going down, the stale rendering made for the unrendered article goes; the other stays.
  await migration.down(args)
  expect(
    await drizzle.all(sql`SELECT slug FROM published_articles WHERE slug LIKE 'search-%'`),
  ).toEqual([{ slug: 'search-rendered' }])
  await migration.up(args)
  await drizzle.run(sql`DELETE FROM published_articles WHERE slug LIKE 'search-%'`)
})

it('keeps renderings compressed only going up, as bytes, and unpacks every identity body going down', async () => {
  const migration = await import('@migrations/sqlite/20261203_222921_compressed_only_bodies')
  const { uncompressSync } = await import('lz4-napi')
  const { sql } = await import('@payloadcms/db-sqlite')
  type Stored = string | ArrayBuffer | null
  const { drizzle } = payload.db as unknown as {
    drizzle: {
      run: (s: unknown) => Promise<unknown>
      all: (s: unknown) => Promise<Record<string, Stored>[]>
    }
  }
  const args = { db: drizzle, payload, req: {} } as unknown as Parameters<typeof migration.up>[0]
  // Each rendering's columns as SQLite holds them: text, or bytes shown as base64 after a `bytes:`.
  const shown = (value: Stored) =>
    value === null || typeof value === 'string'
      ? value
      : `bytes:${Buffer.from(value).toString('base64')}`
  const rows = async (columns: string) =>
    Object.fromEntries(
      (
        await drizzle.all(
          sql.raw(
            `SELECT slug, ${columns} FROM published_articles WHERE slug LIKE 'rendering-%' ORDER BY slug`,
          ),
        )
      ).map(({ slug, ...row }) => [
        slug,
        Object.fromEntries(Object.entries(row).map(([name, value]) => [name, shown(value)])),
      ]),
    )
  const body = JSON.stringify({ title: 'Knee pain', text: 'Rest, then move. '.repeat(200) })
  const br = zlib.brotliCompressSync(body).toString('base64')
  const gzip = zlib.gzipSync(body).toString('base64')
  const columnNames = async () =>
    (
      await drizzle.all(sql`SELECT name FROM pragma_table_info('published_articles') ORDER BY cid`)
    ).map((column) => column.name)
  // As stored before: every rendering with its identity body and base64 text, one not compressed.
  await migration.down(args)
  expect(await columnNames()).not.toContain('body_lz4')
  await drizzle.run(sql`INSERT INTO published_articles (slug, body, body_br, body_gzip, etag, origin)
    VALUES ('rendering-compressed', ${body}, ${br}, ${gzip}, '"a"', 'o'),
      ('rendering-waiting', ${body}, NULL, NULL, '"b"', 'o')`)
  const before = await rows('body, body_br, body_gzip')

  await migration.up(args)
  // The compressed one as bytes and packed (unpacking gives its body), the waiting one as it was.
  const after = await rows('body, body_br, body_gzip')
  expect(after).toEqual({
    'rendering-compressed': { body: null, body_br: `bytes:${br}`, body_gzip: `bytes:${gzip}` },
    'rendering-waiting': { body, body_br: null, body_gzip: null },
  })
  const [packed] = await drizzle.all(
    sql`SELECT body_lz4 FROM published_articles WHERE slug = 'rendering-compressed'`,
  )
  expect(uncompressSync(Buffer.from(packed?.body_lz4 as ArrayBuffer)).toString()).toBe(body)
  // The bodies are stored after every small column: a lookup finds what decides in the first page.
  expect((await columnNames()).slice(-4)).toEqual(['body', 'body_lz4', 'body_br', 'body_gzip'])

  await migration.down(args)
  expect(await columnNames()).not.toContain('body_lz4')
  expect(await rows('body, body_br, body_gzip')).toEqual(before)
  // NOT NULL again below it.
  const refused = await drizzle
    .run(sql`UPDATE published_articles SET body = NULL WHERE slug = 'rendering-waiting'`)
    .then(
      () => null,
      (error: Error) => String(error.cause),
    )
  expect(refused).toMatch(/NOT NULL constraint failed: published_articles.body/)
  await migration.up(args)
  expect((await rows('body'))['rendering-compressed']?.body).toBeNull()
})
