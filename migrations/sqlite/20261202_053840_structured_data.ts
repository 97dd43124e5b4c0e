import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`articles\` ADD \`audience\` text DEFAULT 'patient';`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_audience\` text DEFAULT 'patient';`)
  await db.run(sql`ALTER TABLE \`topics\` ADD \`schema_type\` text DEFAULT 'Thing' NOT NULL;`)
  await db.run(sql`ALTER TABLE \`publisher\` ADD \`logo_url\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`audience\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_audience\`;`)
  await db.run(sql`ALTER TABLE \`topics\` DROP COLUMN \`schema_type\`;`)
  await db.run(sql`ALTER TABLE \`publisher\` DROP COLUMN \`logo_url\`;`)
}
