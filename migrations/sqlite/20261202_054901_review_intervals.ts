import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`articles\` ADD \`review_interval_months\` numeric;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_review_interval_months\` numeric;`)
  await db.run(sql`ALTER TABLE \`topics\` ADD \`review_interval_months\` numeric;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`review_interval_months\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_review_interval_months\`;`)
  await db.run(sql`ALTER TABLE \`topics\` DROP COLUMN \`review_interval_months\`;`)
}
