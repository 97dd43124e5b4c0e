import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`published_articles\` ADD \`servable_while_stale\` integer DEFAULT false;`)
  await db.run(sql`CREATE INDEX \`published_articles_servable_while_stale_idx\` ON \`published_articles\` (\`servable_while_stale\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`published_articles_servable_while_stale_idx\`;`)
  await db.run(sql`ALTER TABLE \`published_articles\` DROP COLUMN \`servable_while_stale\`;`)
}
