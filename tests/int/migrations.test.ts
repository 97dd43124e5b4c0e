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
