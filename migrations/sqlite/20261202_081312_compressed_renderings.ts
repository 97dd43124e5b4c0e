import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`published_articles\` ADD \`body_br\` text;`)
  await db.run(sql`ALTER TABLE \`published_articles\` ADD \`body_gzip\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`published_articles\` DROP COLUMN \`body_br\`;`)
  await db.run(sql`ALTER TABLE \`published_articles\` DROP COLUMN \`body_gzip\`;`)
}
