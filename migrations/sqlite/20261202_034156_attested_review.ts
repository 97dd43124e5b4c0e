import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`review_records\` ADD \`attestation\` text;`)
  await db.run(sql`ALTER TABLE \`review_records\` ADD \`reviewer_credentials_qualifications\` text;`)
  await db.run(sql`ALTER TABLE \`review_records\` ADD \`reviewer_credentials_verified_until\` text;`)
  await db.run(sql`ALTER TABLE \`publisher\` ADD \`attestation\` text DEFAULT 'I have reviewed this content for clinical accuracy and it is consistent with current evidence.';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`review_records\` DROP COLUMN \`attestation\`;`)
  await db.run(sql`ALTER TABLE \`review_records\` DROP COLUMN \`reviewer_credentials_qualifications\`;`)
  await db.run(sql`ALTER TABLE \`review_records\` DROP COLUMN \`reviewer_credentials_verified_until\`;`)
  await db.run(sql`ALTER TABLE \`publisher\` DROP COLUMN \`attestation\`;`)
}
