import { gunzipSync } from 'node:zlib'

import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

/**
 * A rendering keeps only its compressed bodies once they are stored: the identity body (about 30 KB
 * of an article's 35) goes, and a request for identity inflates the gzip body. `body` turns
 * nullable, and is null from now on in every row whose gzip body is stored. The space it held is
 * reused by SQLite; `VACUUM` gives it back to the file system.
 */

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_published_articles\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`slug\` text NOT NULL,
  	\`article_id\` integer,
  	\`body\` text,
  	\`body_br\` text,
  	\`body_gzip\` text,
  	\`etag\` text NOT NULL,
  	\`origin\` text NOT NULL,
  	\`review_status_changes_at\` text,
  	\`review_flags\` text,
  	\`needs_review\` integer DEFAULT false,
  	\`is_stale\` integer DEFAULT false,
  	\`servable_while_stale\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_published_articles\`("id", "slug", "article_id", "body", "body_br", "body_gzip", "etag", "origin", "review_status_changes_at", "review_flags", "needs_review", "is_stale", "servable_while_stale", "updated_at", "created_at") SELECT "id", "slug", "article_id", CASE WHEN "body_gzip" IS NULL THEN "body" END, "body_br", "body_gzip", "etag", "origin", "review_status_changes_at", "review_flags", "needs_review", "is_stale", "servable_while_stale", "updated_at", "created_at" FROM \`published_articles\`;`)
  await db.run(sql`DROP TABLE \`published_articles\`;`)
  await db.run(sql`ALTER TABLE \`__new_published_articles\` RENAME TO \`published_articles\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE UNIQUE INDEX \`published_articles_slug_idx\` ON \`published_articles\` (\`slug\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`published_articles_article_idx\` ON \`published_articles\` (\`article_id\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_review_status_changes_at_idx\` ON \`published_articles\` (\`review_status_changes_at\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_needs_review_idx\` ON \`published_articles\` (\`needs_review\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_is_stale_idx\` ON \`published_articles\` (\`is_stale\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_servable_while_stale_idx\` ON \`published_articles\` (\`servable_while_stale\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_updated_at_idx\` ON \`published_articles\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_created_at_idx\` ON \`published_articles\` (\`created_at\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  // Each identity body inflated back before the column is NOT NULL again.
  const rows = (await db.all(
    sql`SELECT id, body_gzip FROM published_articles WHERE body IS NULL AND body_gzip IS NOT NULL`,
  )) as { id: number; body_gzip: string }[]
  for (const row of rows) {
    const body = gunzipSync(Buffer.from(row.body_gzip, 'base64')).toString()
    await db.run(sql`UPDATE published_articles SET body = ${body} WHERE id = ${row.id}`)
  }
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_published_articles\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`slug\` text NOT NULL,
  	\`article_id\` integer,
  	\`body\` text NOT NULL,
  	\`body_br\` text,
  	\`body_gzip\` text,
  	\`etag\` text NOT NULL,
  	\`origin\` text NOT NULL,
  	\`review_status_changes_at\` text,
  	\`review_flags\` text,
  	\`needs_review\` integer DEFAULT false,
  	\`is_stale\` integer DEFAULT false,
  	\`servable_while_stale\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_published_articles\`("id", "slug", "article_id", "body", "body_br", "body_gzip", "etag", "origin", "review_status_changes_at", "review_flags", "needs_review", "is_stale", "servable_while_stale", "updated_at", "created_at") SELECT "id", "slug", "article_id", "body", "body_br", "body_gzip", "etag", "origin", "review_status_changes_at", "review_flags", "needs_review", "is_stale", "servable_while_stale", "updated_at", "created_at" FROM \`published_articles\`;`)
  await db.run(sql`DROP TABLE \`published_articles\`;`)
  await db.run(sql`ALTER TABLE \`__new_published_articles\` RENAME TO \`published_articles\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE UNIQUE INDEX \`published_articles_slug_idx\` ON \`published_articles\` (\`slug\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`published_articles_article_idx\` ON \`published_articles\` (\`article_id\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_review_status_changes_at_idx\` ON \`published_articles\` (\`review_status_changes_at\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_needs_review_idx\` ON \`published_articles\` (\`needs_review\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_is_stale_idx\` ON \`published_articles\` (\`is_stale\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_servable_while_stale_idx\` ON \`published_articles\` (\`servable_while_stale\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_updated_at_idx\` ON \`published_articles\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_created_at_idx\` ON \`published_articles\` (\`created_at\`);`)
}
