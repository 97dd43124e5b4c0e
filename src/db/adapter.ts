import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { DatabaseAdapterObj } from 'payload'

import { ensureSqliteFolder } from '@/config/database'
import type { DatabaseChoice } from '@/config/database'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * The adapter for a database choice. Schema push is for throwaway databases (tests, `DATABASE_PUSH=true`);
 * every other database is built by the migrations in migrations/<adapter>/. Only the chosen
 * adapter's driver is loaded: MongoDB's (Mongoose and its driver) cost a SQLite start-up about
 * half a second.
 */
export const databaseAdapter = async ({
  choice,
  isSchemaPush,
}: {
  choice: DatabaseChoice
  isSchemaPush: boolean
}): Promise<DatabaseAdapterObj> => {
  if (choice.adapter === 'mongodb') {
    const [{ mongooseAdapter }, { migrations: mongodbMigrations }] = await Promise.all([
      import('@payloadcms/db-mongodb'),
      import('@migrations/mongodb'),
    ])
    return mongooseAdapter({
      url: choice.uri,
      migrationDir: path.join(root, 'migrations/mongodb'),
      prodMigrations: mongodbMigrations,
      // Fail within seconds, not Mongoose's 30, when the server cannot be reached.
      connectOptions: { serverSelectionTimeoutMS: 2000 },
    })
  }
  ensureSqliteFolder(choice.url)
  const [{ sqliteAdapter }, { migrations: sqliteMigrations }, { cacheStatements }] =
    await Promise.all([
      import('@payloadcms/db-sqlite'),
      import('@migrations/sqlite'),
      import('./statementCache'),
    ])
  cacheStatements()
  return sqliteAdapter({
    client: { url: choice.url },
    migrationDir: path.join(root, 'migrations/sqlite'),
    prodMigrations: sqliteMigrations,
    push: isSchemaPush,
    // Without transactionOptions Payload runs SQLite writes outside transactions.
    transactionOptions: { behavior: 'immediate' },
    busyTimeout: 5000,
    wal: choice.url.startsWith('file:'),
  })
}
