import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`authors_disclosures_statements\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`statement\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`authors\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`authors_disclosures_statements_order_idx\` ON \`authors_disclosures_statements\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`authors_disclosures_statements_parent_id_idx\` ON \`authors_disclosures_statements\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`medical_reviewers_disclosures_statements\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`statement\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`medical_reviewers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`medical_reviewers_disclosures_statements_order_idx\` ON \`medical_reviewers_disclosures_statements\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`medical_reviewers_disclosures_statements_parent_id_idx\` ON \`medical_reviewers_disclosures_statements\` (\`_parent_id\`);`)
  await db.run(sql`ALTER TABLE \`authors\` ADD \`disclosures_status\` text;`)
  await db.run(sql`ALTER TABLE \`authors\` ADD \`disclosures_declared_at\` text;`)
  await db.run(sql`ALTER TABLE \`medical_reviewers\` ADD \`disclosures_status\` text;`)
  await db.run(sql`ALTER TABLE \`medical_reviewers\` ADD \`disclosures_declared_at\` text;`)
  await db.run(sql`ALTER TABLE \`publisher\` ADD \`funding_statement\` text;`)
  await db.run(sql`ALTER TABLE \`publisher\` ADD \`advertising_policy\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`authors_disclosures_statements\`;`)
  await db.run(sql`DROP TABLE \`medical_reviewers_disclosures_statements\`;`)
  await db.run(sql`ALTER TABLE \`authors\` DROP COLUMN \`disclosures_status\`;`)
  await db.run(sql`ALTER TABLE \`authors\` DROP COLUMN \`disclosures_declared_at\`;`)
  await db.run(sql`ALTER TABLE \`medical_reviewers\` DROP COLUMN \`disclosures_status\`;`)
  await db.run(sql`ALTER TABLE \`medical_reviewers\` DROP COLUMN \`disclosures_declared_at\`;`)
  await db.run(sql`ALTER TABLE \`publisher\` DROP COLUMN \`funding_statement\`;`)
  await db.run(sql`ALTER TABLE \`publisher\` DROP COLUMN \`advertising_policy\`;`)
}
