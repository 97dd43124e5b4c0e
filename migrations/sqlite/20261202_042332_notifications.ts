import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`notification_digest_items\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`recipient_id\` integer,
  	\`notice\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`recipient_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`notification_digest_items_recipient_idx\` ON \`notification_digest_items\` (\`recipient_id\`);`)
  await db.run(sql`CREATE INDEX \`notification_digest_items_updated_at_idx\` ON \`notification_digest_items\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`notification_digest_items_created_at_idx\` ON \`notification_digest_items\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`notification_notices\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`notification_notices_key_idx\` ON \`notification_notices\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`notification_notices_updated_at_idx\` ON \`notification_notices\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`notification_notices_created_at_idx\` ON \`notification_notices\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`notifications_submitted\` integer DEFAULT true;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`notifications_changes_requested\` integer DEFAULT true;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`notifications_approved\` integer DEFAULT true;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`notifications_published\` integer DEFAULT true;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`notifications_archived\` integer DEFAULT true;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`notifications_review_due\` integer DEFAULT true;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`notifications_credentials_expiring\` integer DEFAULT true;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`notifications_comments\` integer DEFAULT true;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`notifications_digest\` text DEFAULT 'immediate';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`notification_digest_items\`;`)
  await db.run(sql`DROP TABLE \`notification_notices\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`notifications_submitted\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`notifications_changes_requested\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`notifications_approved\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`notifications_published\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`notifications_archived\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`notifications_review_due\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`notifications_credentials_expiring\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`notifications_comments\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`notifications_digest\`;`)
}
