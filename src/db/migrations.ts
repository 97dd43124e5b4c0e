import type { Migration, Payload } from 'payload'

import { migrations as mongodbMigrations } from '@migrations/mongodb'
import { migrations as sqliteMigrations } from '@migrations/sqlite'
import type { DatabaseChoice } from '@/config/database'
import { ConfigError } from '@/config/errors'
import { plannerStatistics } from './plannerStatistics'

const wasSchemaPushed = async (payload: Payload): Promise<boolean> => {
  try {
    const { totalDocs } = await payload.count({
      collection: 'payload-migrations',
      where: { batch: { equals: -1 } },
      overrideAccess: true,
    })
    return totalDocs > 0
  } catch {
    // A database that was never migrated has no migrations table yet.
    return false
  }
}

/**
 * Runs pending migrations from migrations/<adapter>/. Payload would stop and ask on a terminal when the
 * database was built by schema push; we refuse with a message instead of waiting for an answer.
 */
export const applyMigrations = async ({
  payload,
  choice,
}: {
  payload: Payload
  choice: DatabaseChoice
}): Promise<void> => {
  if (await wasSchemaPushed(payload)) {
    throw new ConfigError(
      'This database was built by schema push (DATABASE_PUSH=true), so migrations cannot be applied to it. ' +
        'Point DATABASE_URI at a new database, or start again without that flag on a fresh one.',
    )
  }
  const migrations = choice.adapter === 'mongodb' ? mongodbMigrations : sqliteMigrations
  await payload.db.migrate({ migrations: migrations as Migration[] })
  // A database made by these migrations has just got the indexes the statistics describe.
  await plannerStatistics(payload)
}
