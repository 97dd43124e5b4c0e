import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

type Migration = {
  name: string
  up: (args: MigrateUpArgs) => Promise<void>
  down: (args: MigrateDownArgs) => Promise<void>
}

/**
 * MongoDB needs no schema migrations: collections and indexes come from the config.
 * Data migrations are added here by `npm run payload migrate:create` run against a MongoDB URI.
 */
export const migrations: Migration[] = []
