import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

import { chainExistingRecords } from '@/audit/chainExistingRecords'
import { measureExistingArticles } from '@/readability/measureExistingArticles'

/** Existing review records join their article's hash chain; existing articles are measured. */
export async function up({ payload, req }: MigrateUpArgs): Promise<void> {
  await chainExistingRecords({ payload, req })
  await measureExistingArticles({ payload, req })
}

/** The hashes and figures stay: older code ignores fields it does not know. */
export async function down(_args: MigrateDownArgs): Promise<void> {}
