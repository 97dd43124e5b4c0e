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

it('keeps renderings compressed only going up, and unpacks every identity body going down', async () => {
  const migration = await import('@migrations/sqlite/20261203_222921_compressed_only_bodies')
  const { uncompressSync } = await import('lz4-napi')
  const { sql } = await import('@payloadcms/db-sqlite')
  const { drizzle } = payload.db as unknown as {
    drizzle: {
      run: (s: unknown) => Promise<unknown>
      all: (
        s: unknown,
      ) => Promise<
        { slug: string; body: string | null; body_gzip: string; body_lz4: string | null }[]
      >
    }
  }
  const args = { db: drizzle, payload, req: {} } as unknown as Parameters<typeof migration.up>[0]
  const rows = async () =>
    Object.fromEntries(
      (
        await drizzle.all(
          sql`SELECT slug, body, body_gzip, body_lz4 FROM published_articles WHERE slug LIKE 'rendering-%'`,
        )
      ).map((row) => [
        row.slug,
        {
          body: row.body,
          gzip: row.body_gzip,
          packed: row.body_lz4 && uncompressSync(Buffer.from(row.body_lz4, 'base64')).toString(),
        },
      ]),
    )
  const body = JSON.stringify({ title: 'Knee pain', text: 'Rest, then move. '.repeat(200) })
  const gzip = zlib.gzipSync(body).toString('base64')
  // As stored before: every rendering with its identity body, one not compressed yet.
  await migration.down(args)
  await drizzle.run(sql`INSERT INTO published_articles (slug, body, body_gzip, etag, origin)
    VALUES ('rendering-compressed', ${body}, ${gzip}, '"a"', 'o'),
      ('rendering-waiting', ${body}, NULL, '"b"', 'o')`)
  const packedColumn = async () =>
    (
      await drizzle.all(
        sql`SELECT name AS slug FROM pragma_table_info('published_articles') WHERE name = 'body_lz4'`,
      )
    ).length
  expect(await packedColumn()).toBe(0)

  await migration.up(args)
  // The compressed one packed (what it unpacks to is its body), the waiting one left as it was.
  expect(await rows()).toEqual({
    'rendering-compressed': { body: null, gzip, packed: body },
    'rendering-waiting': { body, gzip: null, packed: null },
  })
  // The bodies are stored after every small column: a lookup finds what decides in the first page.
  const order = (
    await drizzle.all(
      sql`SELECT name AS slug FROM pragma_table_info('published_articles') ORDER BY cid`,
    )
  ).map((column) => column.slug)
  expect(order.slice(-4)).toEqual(['body', 'body_lz4', 'body_br', 'body_gzip'])
  await migration.down(args)
  expect(await packedColumn()).toBe(0)
  expect(
    Object.fromEntries(
      (
        await drizzle.all(
          sql`SELECT slug, body, body_gzip FROM published_articles WHERE slug LIKE 'rendering-%'`,
        )
      ).map((row) => [row.slug, { body: row.body, gzip: row.body_gzip }]),
    ),
  ).toEqual({
    'rendering-compressed': { body, gzip },
    'rendering-waiting': { body, gzip: null },
  })
  // NOT NULL again below it.
  const refused = await drizzle
    .run(sql`UPDATE published_articles SET body = NULL WHERE slug = 'rendering-waiting'`)
    .then(
      () => null,
      (error: Error) => String(error.cause),
    )
  expect(refused).toMatch(/NOT NULL constraint failed: published_articles.body/)
  await migration.up(args)
  expect((await rows())['rendering-compressed']?.body).toBeNull()
})
