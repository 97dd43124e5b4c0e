import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`scheduled_actions\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`article_id\` integer NOT NULL,
  	\`article_title\` text,
  	\`action\` text NOT NULL,
  	\`at\` text NOT NULL,
  	\`status\` text DEFAULT 'scheduled' NOT NULL,
  	\`scheduled_by_id\` integer,
  	\`scheduled_by_name\` text,
  	\`fingerprint\` text,
  	\`outcome\` text,
  	\`outcome_at\` text,
  	\`refusals\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`scheduled_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`scheduled_actions_article_idx\` ON \`scheduled_actions\` (\`article_id\`);`)
  await db.run(sql`CREATE INDEX \`scheduled_actions_at_idx\` ON \`scheduled_actions\` (\`at\`);`)
  await db.run(sql`CREATE INDEX \`scheduled_actions_status_idx\` ON \`scheduled_actions\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`scheduled_actions_scheduled_by_idx\` ON \`scheduled_actions\` (\`scheduled_by_id\`);`)
  await db.run(sql`CREATE INDEX \`scheduled_actions_updated_at_idx\` ON \`scheduled_actions\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`scheduled_actions_created_at_idx\` ON \`scheduled_actions\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`notifications_schedules\` integer DEFAULT true;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`scheduled_actions\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`notifications_schedules\`;`)
}
