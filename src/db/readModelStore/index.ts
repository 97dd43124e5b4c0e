import type { MongooseAdapter } from '@payloadcms/db-mongodb'
import type { SQLiteAdapter } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

import { mongoStore } from './mongodb'
import { sqliteStore } from './sqlite'
import type { SnapshotStore } from './types'

export type { RenderedSnapshot, SnapshotStore, StoredSnapshot } from './types'
export { identityBody } from './variants'

/** The read model's store for the database Payload runs on. */
export const snapshotStore = (payload: Payload): SnapshotStore =>
  payload.db.name === 'mongoose'
    ? mongoStore({ adapter: payload.db as unknown as MongooseAdapter, payload })
    : sqliteStore(payload.db as unknown as SQLiteAdapter)
