import { expect } from '@jest/globals'
import type { Payload } from 'payload'

type SqliteClient = {
  execute: (sql: string) => Promise<{ rows: Record<string, unknown>[] }>
}
type MongoDb = {
  listCollections: () => { toArray: () => Promise<{ name: string }[]> }
  collection: (name: string) => {
    find: (query: object) => { sort: (by: object) => { toArray: () => Promise<unknown[]> } }
  }
}

/**
 * Every row of every table (SQLite) or every document of every collection (MongoDB), as one
 * string: two dumps are equal exactly when nothing in the database changed.
 */
export const dumpDatabase = async (payload: Payload): Promise<string> => {
  const tables: Record<string, unknown[]> = {}
  if (payload.db.name === 'sqlite') {
    const client = (payload.db as unknown as { client: SqliteClient }).client
    const { rows } = await client.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    for (const { name } of rows) {
      tables[String(name)] = (
        await client.execute(`SELECT * FROM "${String(name)}" ORDER BY rowid`)
      ).rows
    }
  } else {
    const db = (payload.db as unknown as { connection: { db: MongoDb } }).connection.db
    const names = (await db.listCollections().toArray()).map(({ name }) => name).sort()
    for (const name of names) {
      tables[name] = await db.collection(name).find({}).sort({ _id: 1 }).toArray()
    }
  }
  return JSON.stringify(tables)
}

/** Runs the attempt and fails the test when anything in the database changed. */
export const changesNothing = async (payload: Payload, attempt: () => Promise<void>) => {
  const before = await dumpDatabase(payload)
  await attempt()
  expect(await dumpDatabase(payload)).toEqual(before)
}

/** The refusal codes of an answer: `{"errors": [{"code": …}]}`. */
export const codes = async (res: Response) =>
  ((await res.json()) as { errors?: { code?: string }[] }).errors?.map((e) => e.code)
