import type { MongooseAdapter } from '@payloadcms/db-mongodb'
import type { SQLiteAdapter } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

import { RETRACTIONS } from '@/shared/collections'
import type { RetractionNotice } from '@/retractions/csv'

/** What one batch did: notices new to the list, and how many known ones changed date or nature. */
export type UpsertResult = { inserted: RetractionNotice[]; updated: number }

type Known = { key: string; retractionDate: string | null; retractionNature: string }

const isChanged = (known: Known, notice: RetractionNotice): boolean =>
  (known.retractionDate ? new Date(known.retractionDate).toISOString() : null) !==
    notice.retractionDate || known.retractionNature !== notice.retractionNature

/**
 * Batched writes of a retraction list, one or two statements per batch whatever its size: Payload's
 * create costs a transaction and hooks per row, and a full Retraction Watch list has tens of
 * thousands. Keyed on `key`, so importing the same file again changes nothing.
 */
export const upsertRetractions = async ({
  payload,
  notices,
}: {
  payload: Payload
  notices: RetractionNotice[]
}): Promise<UpsertResult> => {
  if (!notices.length) {
    return { inserted: [], updated: 0 }
  }
  return payload.db.name === 'mongoose'
    ? upsertMongo({ adapter: payload.db as unknown as MongooseAdapter, notices })
    : upsertSqlite({ adapter: payload.db as unknown as SQLiteAdapter, notices })
}

type Client = {
  execute: (statement: { sql: string; args: (string | null)[] }) => Promise<{
    rows: unknown[]
  }>
}

const placeholders = (count: number, width: number): string =>
  Array.from({ length: count }, () => `(${Array(width).fill('?').join(', ')})`).join(', ')

// Plain statements on Payload's client: building drizzle SQL objects for thousands of values a
// batch cost more than the writes themselves.
const upsertSqlite = async ({
  adapter,
  notices,
}: {
  adapter: SQLiteAdapter
  notices: RetractionNotice[]
}): Promise<UpsertResult> => {
  const client = adapter.client as unknown as Client
  const { rows } = await client.execute({
    sql: `SELECT key, retraction_date, retraction_nature FROM retractions WHERE key IN (${notices.map(() => '?').join(', ')})`,
    args: notices.map((notice) => notice.key),
  })
  const known = new Map<string, Known>(
    (rows as { key: string; retraction_date: string | null; retraction_nature: string }[]).map(
      (row) => [
        row.key,
        {
          key: row.key,
          retractionDate: row.retraction_date,
          retractionNature: row.retraction_nature,
        },
      ],
    ),
  )
  const now = new Date().toISOString()
  const inserted = notices.filter((notice) => !known.has(notice.key))
  if (inserted.length) {
    await client.execute({
      sql: `INSERT INTO retractions (key, doi, pmid, retraction_date, retraction_nature, updated_at, created_at) VALUES ${placeholders(inserted.length, 7)} ON CONFLICT (key) DO NOTHING`,
      args: inserted.flatMap((n) => [
        n.key,
        n.doi,
        n.pmid,
        n.retractionDate,
        n.retractionNature,
        now,
        now,
      ]),
    })
  }
  const changed = notices.filter((notice) => {
    const was = known.get(notice.key)
    return was !== undefined && isChanged(was, notice)
  })
  for (const notice of changed) {
    await client.execute({
      sql: 'UPDATE retractions SET retraction_date = ?, retraction_nature = ?, updated_at = ? WHERE key = ?',
      args: [notice.retractionDate, notice.retractionNature, now, notice.key],
    })
  }
  return { inserted, updated: changed.length }
}

type MongoCollection = {
  find: (
    filter: unknown,
    options: unknown,
  ) => { toArray: () => Promise<(Known & { retractionDate: Date | null })[]> }
  bulkWrite: (operations: unknown[], options: unknown) => Promise<unknown>
}

const upsertMongo = async ({
  adapter,
  notices,
}: {
  adapter: MongooseAdapter
  notices: RetractionNotice[]
}): Promise<UpsertResult> => {
  const collection = adapter.collections[RETRACTIONS]?.collection as unknown as MongoCollection
  const rows = await collection
    .find(
      { key: { $in: notices.map((notice) => notice.key) } },
      { projection: { key: 1, retractionDate: 1, retractionNature: 1 } },
    )
    .toArray()
  const known = new Map(
    rows.map((row) => [
      row.key,
      {
        ...row,
        retractionDate: row.retractionDate ? new Date(row.retractionDate).toISOString() : null,
      },
    ]),
  )
  const now = new Date()
  const inserted = notices.filter((notice) => !known.has(notice.key))
  const changed = notices.filter((notice) => {
    const was = known.get(notice.key)
    return was !== undefined && isChanged(was, notice)
  })
  const asDate = (value: string | null) => (value ? new Date(value) : null)
  const operations = [
    ...inserted.map((n) => ({
      updateOne: {
        filter: { key: n.key },
        update: {
          $setOnInsert: {
            key: n.key,
            doi: n.doi,
            pmid: n.pmid,
            retractionDate: asDate(n.retractionDate),
            retractionNature: n.retractionNature,
            createdAt: now,
            updatedAt: now,
          },
        },
        upsert: true,
      },
    })),
    ...changed.map((n) => ({
      updateOne: {
        filter: { key: n.key },
        update: {
          $set: {
            retractionDate: asDate(n.retractionDate),
            retractionNature: n.retractionNature,
            updatedAt: now,
          },
        },
      },
    })),
  ]
  if (operations.length) {
    await collection.bulkWrite(operations, { ordered: false })
  }
  return { inserted, updated: changed.length }
}
