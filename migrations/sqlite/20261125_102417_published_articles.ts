import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`published_articles\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`slug\` text NOT NULL,
  	\`article_id\` integer,
  	\`body\` text NOT NULL,
  	\`etag\` text NOT NULL,
  	\`origin\` text NOT NULL,
  	\`review_status_changes_at\` text,
  	\`is_stale\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`published_articles_slug_idx\` ON \`published_articles\` (\`slug\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`published_articles_article_idx\` ON \`published_articles\` (\`article_id\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_is_stale_idx\` ON \`published_articles\` (\`is_stale\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_updated_at_idx\` ON \`published_articles\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_created_at_idx\` ON \`published_articles\` (\`created_at\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`published_articles\`;`)
}
