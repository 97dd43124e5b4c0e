import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

import { upgradeSignOffs } from '@/evidence/upgradeSignOffs'

/** Existing approvals and live articles move to the fingerprint that covers evidence. */
export async function up({ payload, req }: MigrateUpArgs): Promise<void> {
  await upgradeSignOffs({ payload, req })
}

/** The v2 fingerprints stay: v1 code would read them as changed content and refuse to publish. */
export async function down(_args: MigrateDownArgs): Promise<void> {}
