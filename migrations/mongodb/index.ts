import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

import * as migration_20261202_011329_evidence_in_sign_off from './20261202_011329_evidence_in_sign_off'
import * as migration_20261202_050334_governance from './20261202_050334_governance'
import * as migration_20261205_032101_public_search from './20261205_032101_public_search'

type Migration = {
  name: string
  up: (args: MigrateUpArgs) => Promise<void>
  down: (args: MigrateDownArgs) => Promise<void>
}

/**
 * MongoDB needs no schema migrations: collections and indexes come from the config.
 * Data migrations are added here by `npm run payload migrate:create` run against a MongoDB URI.
 */
export const migrations: Migration[] = [
  {
    up: migration_20261202_011329_evidence_in_sign_off.up,
    down: migration_20261202_011329_evidence_in_sign_off.down,
    name: '20261202_011329_evidence_in_sign_off',
  },
  {
    up: migration_20261202_050334_governance.up,
    down: migration_20261202_050334_governance.down,
    name: '20261202_050334_governance',
  },
  {
    up: migration_20261205_032101_public_search.up,
    down: migration_20261205_032101_public_search.down,
    name: '20261205_032101_public_search',
  },
]
