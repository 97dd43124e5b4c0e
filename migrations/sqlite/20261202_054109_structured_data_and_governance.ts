import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { chainExistingRecords } from '@/audit/chainExistingRecords'
import { measureExistingArticles } from '@/readability/measureExistingArticles'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`retractions\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`doi\` text,
  	\`pmid\` text,
  	\`retraction_date\` text,
  	\`retraction_nature\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`retractions_key_idx\` ON \`retractions\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`retractions_doi_idx\` ON \`retractions\` (\`doi\`);`)
  await db.run(sql`CREATE INDEX \`retractions_pmid_idx\` ON \`retractions\` (\`pmid\`);`)
  await db.run(sql`CREATE INDEX \`retractions_updated_at_idx\` ON \`retractions\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`retractions_created_at_idx\` ON \`retractions\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`audience\` text DEFAULT 'patient';`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`readability_flesch_kincaid_grade\` numeric;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`readability_smog\` numeric;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_audience\` text DEFAULT 'patient';`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_readability_flesch_kincaid_grade\` numeric;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_readability_smog\` numeric;`)
  await db.run(sql`ALTER TABLE \`review_records\` ADD \`previous_hash\` text;`)
  await db.run(sql`ALTER TABLE \`review_records\` ADD \`hash\` text;`)
  await db.run(sql`CREATE UNIQUE INDEX \`review_records_previous_hash_idx\` ON \`review_records\` (\`previous_hash\`);`)
  await db.run(sql`CREATE INDEX \`review_records_hash_idx\` ON \`review_records\` (\`hash\`);`)
  await db.run(sql`ALTER TABLE \`topics\` ADD \`schema_type\` text DEFAULT 'Thing' NOT NULL;`)
  await db.run(sql`ALTER TABLE \`publisher\` ADD \`logo_url\` text;`)
  // Existing review records join their article's hash chain, oldest first.
  await chainExistingRecords({ payload, req })
  // Existing articles are measured, and their renderings made again to show it.
  await measureExistingArticles({ payload, req })
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`retractions\`;`)
  await db.run(sql`DROP INDEX \`review_records_previous_hash_idx\`;`)
  await db.run(sql`DROP INDEX \`review_records_hash_idx\`;`)
  await db.run(sql`ALTER TABLE \`review_records\` DROP COLUMN \`previous_hash\`;`)
  await db.run(sql`ALTER TABLE \`review_records\` DROP COLUMN \`hash\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`audience\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`readability_flesch_kincaid_grade\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`readability_smog\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_audience\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_readability_flesch_kincaid_grade\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_readability_smog\`;`)
  await db.run(sql`ALTER TABLE \`topics\` DROP COLUMN \`schema_type\`;`)
  await db.run(sql`ALTER TABLE \`publisher\` DROP COLUMN \`logo_url\`;`)
}
