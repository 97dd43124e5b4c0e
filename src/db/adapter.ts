import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'

import type { DatabaseAdapterObj } from 'payload'

import { migrations as mongodbMigrations } from '@migrations/mongodb'
import { migrations as sqliteMigrations } from '@migrations/sqlite'
import { ensureSqliteFolder } from '@/config/database'
import type { DatabaseChoice } from '@/config/database'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * The adapter for a database choice. Schema push is for throwaway databases (tests, `DATABASE_PUSH=true`);
 * every other database is built by the migrations in migrations/<adapter>/.
 */
export const databaseAdapter = ({
  choice,
  isSchemaPush,
}: {
  choice: DatabaseChoice
  isSchemaPush: boolean
}): DatabaseAdapterObj => {
  if (choice.adapter === 'mongodb') {
    return mongooseAdapter({
      url: choice.uri,
      migrationDir: path.join(root, 'migrations/mongodb'),
      prodMigrations: mongodbMigrations,
      // Fail within seconds, not Mongoose's 30, when the server cannot be reached.
      connectOptions: { serverSelectionTimeoutMS: 2000 },
    })
  }
  ensureSqliteFolder(choice.url)
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
