import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`articles_stage_idx\`;`)
  await db.run(sql`CREATE INDEX \`stage__status_idx\` ON \`articles\` (\`stage\`,\`_status\`);`)
  await db.run(sql`DROP INDEX \`_articles_v_version_version_stage_idx\`;`)
  await db.run(sql`CREATE INDEX \`version_stage_version__status_idx\` ON \`_articles_v\` (\`version_stage\`,\`version__status\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`stage__status_idx\`;`)
  await db.run(sql`CREATE INDEX \`articles_stage_idx\` ON \`articles\` (\`stage\`);`)
  await db.run(sql`DROP INDEX \`version_stage_version__status_idx\`;`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_stage_idx\` ON \`_articles_v\` (\`version_stage\`);`)
}
