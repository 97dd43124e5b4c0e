/**
 * Every SQLite connection keeps its prepared statements (src/db/statementCache.ts). A kept
 * statement must answer exactly as a fresh one would: with new arguments, after a failed run,
 * after the schema changed (through the same connection or another), and inside transactions.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createClient } from '@libsql/client'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import Database from 'libsql'

import {
  STATEMENTS_PER_CONNECTION,
  cacheStatements,
  cachedStatementCount,
} from '@/db/statementCache'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-statements-'))
const file = path.join(dir, 'statements.db')
const clients: ReturnType<typeof createClient>[] = []

const open = () => {
  const client = createClient({ url: `file:${file}` })
  clients.push(client)
  return client
}

/** Rows as plain objects (libsql's rows also carry their values by index). */
const plain = (rows: unknown[]) => rows.map((row) => ({ ...(row as object) }))

beforeAll(async () => {
  cacheStatements()
  const setup = open()
  await setup.execute('PRAGMA journal_mode = WAL')
  await setup.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY, slug TEXT UNIQUE NOT NULL)')
})

afterAll(() => {
  clients.forEach((client) => client.close())
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('kept statements', () => {
  it('are prepared once per connection and reused', () => {
    const connection = new Database(file)
    try {
      const first = connection.prepare('SELECT slug FROM notes WHERE id = ?')
      expect(connection.prepare('SELECT slug FROM notes WHERE id = ?')).toBe(first)
      expect(cachedStatementCount(connection)).toBe(1)
      // Another connection has its own.
      const other = new Database(file)
      expect(other.prepare('SELECT slug FROM notes WHERE id = ?')).not.toBe(first)
      other.close()
    } finally {
      connection.close()
    }
    expect(cachedStatementCount(connection)).toBe(0)
  })

  it('are dropped when a run fails, so the next is prepared afresh', () => {
    const connection = new Database(file)
    try {
      connection.exec('CREATE TABLE IF NOT EXISTS tags (name TEXT UNIQUE NOT NULL)')
      const insert = 'INSERT INTO tags (name) VALUES (?)'
      const first = connection.prepare(insert)
      first.run('evidence')
      expect(connection.prepare(insert)).toBe(first)
      expect(() => first.run('evidence')).toThrow(/UNIQUE/)
      const next = connection.prepare(insert)
      expect(next).not.toBe(first)
      next.run('guidance')
      expect(connection.prepare('SELECT count(name) AS n FROM tags').get()).toEqual({ n: 2 })
    } finally {
      connection.close()
    }
  })

  it('keep at most their bound per connection, the least recently used leaving first', () => {
    const connection = new Database(file)
    try {
      const kept = connection.prepare('SELECT 0 AS n')
      for (let i = 1; i <= STATEMENTS_PER_CONNECTION + 10; i += 1) {
        connection.prepare(`SELECT ${i} AS n`)
        if (i % 100 === 0) {
          // Used again: stays.
          expect(connection.prepare('SELECT 0 AS n')).toBe(kept)
        }
      }
      expect(cachedStatementCount(connection)).toBe(STATEMENTS_PER_CONNECTION)
      expect(connection.prepare('SELECT 0 AS n')).toBe(kept)
      expect(connection.prepare('SELECT 1 AS n')).not.toBe(kept)
    } finally {
      connection.close()
    }
  })

  it('answer with their new arguments, and again after a run that failed', async () => {
    const client = open()
    const insert = 'INSERT INTO notes (slug) VALUES (?) RETURNING id, slug'
    const a = await client.execute({ sql: insert, args: ['a'] })
    const b = await client.execute({ sql: insert, args: ['b'] })
    expect(plain(a.rows)).toEqual([{ id: 1, slug: 'a' }])
    expect(plain(b.rows)).toEqual([{ id: 2, slug: 'b' }])
    await expect(client.execute({ sql: insert, args: ['a'] })).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    })
    const c = await client.execute({ sql: insert, args: ['c'] })
    expect(plain(c.rows)).toEqual([{ id: 3, slug: 'c' }])
    const select = 'SELECT id, slug FROM notes WHERE id >= ? ORDER BY id'
    expect(plain((await client.execute({ sql: select, args: [2] })).rows)).toEqual([
      { id: 2, slug: 'b' },
      { id: 3, slug: 'c' },
    ])
    expect(plain((await client.execute({ sql: select, args: [3] })).rows)).toEqual([
      { id: 3, slug: 'c' },
    ])
  })

  it('tell a write from a read on every run: rows changed and the new row id, or the rows', async () => {
    const client = open()
    const insert = 'INSERT INTO notes (slug) VALUES (?)'
    const rename = 'UPDATE notes SET slug = slug || ? WHERE slug LIKE ?'
    for (const round of [1, 2, 3]) {
      const inserted = await client.execute({ sql: insert, args: [`write-${round}`] })
      expect(inserted.rows).toEqual([])
      expect(inserted.rowsAffected).toBe(1)
      const found = await client.execute({
        sql: 'SELECT id FROM notes WHERE slug = ?',
        args: [`write-${round}`],
      })
      expect(inserted.lastInsertRowid).toBe(BigInt(Number(found.rows[0]?.id)))
      const renamed = await client.execute({ sql: rename, args: ['!', 'write-%'] })
      expect(renamed.rowsAffected).toBe(round)
      expect(renamed.columns).toEqual([])
    }
    // As libsql's own: raw rows are only for statements that return data.
    const connection = new Database(file)
    try {
      const write = connection.prepare(insert)
      expect(connection.prepare(insert)).toBe(write)
      expect(() => write.raw(true)).toThrow(/only for statements that return data/)
      const read = connection.prepare('SELECT slug FROM notes WHERE slug = ?')
      expect(read.raw(true).all('write-1!!!')).toEqual([['write-1!!!']])
    } finally {
      connection.close()
    }
  })

  it('see what other connections committed since (a kept read holds no old snapshot)', async () => {
    const reader = open()
    const writer = open()
    const count = 'SELECT count(*) AS n FROM notes'
    const before = Number((await reader.execute(count)).rows[0]?.n)
    await writer.execute({ sql: 'INSERT INTO notes (slug) VALUES (?)', args: ['from-writer'] })
    expect(Number((await reader.execute(count)).rows[0]?.n)).toBe(before + 1)
  })

  it('undo with their transaction', async () => {
    const client = open()
    const count = 'SELECT count(*) AS n FROM notes'
    const before = Number((await client.execute(count)).rows[0]?.n)
    await client.execute('BEGIN IMMEDIATE')
    await client.execute({ sql: 'INSERT INTO notes (slug) VALUES (?)', args: ['undone'] })
    expect(Number((await client.execute(count)).rows[0]?.n)).toBe(before + 1)
    await client.execute('ROLLBACK')
    expect(Number((await client.execute(count)).rows[0]?.n)).toBe(before)
  })

  it('show columns added since, through the same connection or another', async () => {
    const client = open()
    const other = open()
    const all = 'SELECT * FROM notes WHERE id = ?'
    const named = 'SELECT id, slug FROM notes WHERE id = ?'
    expect(
      Object.keys(plain((await client.execute({ sql: all, args: [1] })).rows)[0] ?? {}),
    ).toEqual(['id', 'slug'])
    await client.execute({ sql: named, args: [1] })

    await client.execute("ALTER TABLE notes ADD COLUMN audience TEXT DEFAULT 'patients'")
    expect(plain((await client.execute({ sql: all, args: [1] })).rows)).toEqual([
      { id: 1, slug: 'a', audience: 'patients' },
    ])
    // The schema changed by another connection. The first statement prepared afterwards still
    // names the old columns (libsql reads them before SQLite notices the change: so without any
    // cache); the next must see the new one, which a kept `SELECT *` never would.
    await other.execute("ALTER TABLE notes ADD COLUMN language TEXT DEFAULT 'en'")
    await client.execute({ sql: all, args: [1] })
    expect(plain((await client.execute({ sql: all, args: [1] })).rows)).toEqual([
      { id: 1, slug: 'a', audience: 'patients', language: 'en' },
    ])
    expect(plain((await client.execute({ sql: named, args: [1] })).rows)).toEqual([
      { id: 1, slug: 'a' },
    ])
  })

  it('keep a `*` read by named columns (a subquery, a count), never one of the result', async () => {
    const connection = new Database(file)
    const other = open()
    try {
      // As Payload reads an article's array rows: a `*` in a subquery whose result names columns.
      const nested =
        'SELECT n.id, (SELECT json_group_array(s.slug) FROM (SELECT * FROM notes WHERE id = n.id) s) AS slugs FROM notes n WHERE n.id = ?'
      const counted = 'SELECT count(*) AS n FROM notes'
      const quoted = "SELECT id FROM notes WHERE slug = '*' OR slug = ')' OR id = ?"
      const kept = connection.prepare(nested)
      expect(connection.prepare(nested)).toBe(kept)
      expect(connection.prepare(counted)).toBe(connection.prepare(counted))
      expect(connection.prepare(quoted)).toBe(connection.prepare(quoted))
      for (const own of [
        'SELECT * FROM notes WHERE id = ?',
        'SELECT notes.* FROM notes WHERE id = ?',
        'UPDATE notes SET slug = slug WHERE id = ? RETURNING *',
        'SELECT id * 2 AS twice FROM notes',
        "SELECT id, ')' AS p FROM notes WHERE id = ? * 1",
      ]) {
        expect(connection.prepare(own)).not.toBe(connection.prepare(own))
      }
      // The kept one still answers right after another connection changed the table it reads.
      await other.execute("ALTER TABLE notes ADD COLUMN region TEXT DEFAULT 'uk'")
      connection.prepare(nested).get(1)
      expect(connection.prepare(nested).get(1)).toEqual({ id: 1, slugs: '["a"]' })
    } finally {
      connection.close()
    }
  })
})
