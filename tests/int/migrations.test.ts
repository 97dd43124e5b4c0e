import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { getPayload } from 'payload'
import type { Payload } from 'payload'

import { applyMigrations } from '../../src/config/migrations'

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
  process.env.DATABASE_URI = `file:${path.join(dir, 'migrated.db')}`
  process.env.DATABASE_PUSH = 'false'
  process.env.JOBS_AUTORUN = 'false'
  process.env.DATA_DIR = dir
  process.env.PAYLOAD_SECRET = 'migrations-test-secret-0123456789abcdef'
  const { default: config } = await import('../../payload.config')
  payload = await getPayload({ config })
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
