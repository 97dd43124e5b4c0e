import path from 'node:path'

import { getPayload } from 'payload'
import type { Payload } from 'payload'

/**
 * Payload on a new SQLite file in `dir`, schema push off, no tables yet: as `npm start` finds a
 * fresh installation, before it applies migrations/sqlite (`applyMigrations`).
 */
export const startUnmigratedPayload = async ({
  dir,
  secret,
}: {
  dir: string
  secret: string
}): Promise<Payload> => {
  process.env.DATABASE_URI = `file:${path.join(dir, 'migrated.db')}`
  process.env.DATABASE_PUSH = 'false'
  process.env.JOBS_AUTORUN = 'false'
  process.env.DATA_DIR = dir
  process.env.PAYLOAD_SECRET = secret
  const { default: config } = await import('@payload-config')
  return getPayload({ config })
}
