import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { upgradeSignOffs } from '@/evidence/upgradeSignOffs'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`articles\` ADD \`signed_evidence\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_signed_evidence\` text;`)
  await db.run(sql`ALTER TABLE \`sources\` ADD \`created_by_id\` integer REFERENCES users(id) ON UPDATE no action ON DELETE set null;`)
  await db.run(sql`CREATE INDEX \`sources_created_by_idx\` ON \`sources\` (\`created_by_id\`);`)
  await db.run(sql`ALTER TABLE \`media\` ADD \`sha256\` text;`)
  await db.run(sql`ALTER TABLE \`media\` ADD \`created_by_id\` integer REFERENCES users(id) ON UPDATE no action ON DELETE set null;`)
  await db.run(sql`CREATE INDEX \`media_sha256_idx\` ON \`media\` (\`sha256\`);`)
  await db.run(sql`CREATE INDEX \`media_created_by_idx\` ON \`media\` (\`created_by_id\`);`)
  await db.run(sql`ALTER TABLE \`published_articles\` ADD \`review_flags\` text;`)
  await db.run(sql`ALTER TABLE \`published_articles\` ADD \`needs_review\` integer DEFAULT false;`)
  await db.run(sql`CREATE INDEX \`published_articles_needs_review_idx\` ON \`published_articles\` (\`needs_review\`);`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`reset_password_requested_at\`;`)
  // Existing approvals and live articles move to the fingerprint that covers evidence.
  await upgradeSignOffs({ payload, req })
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_sources\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text NOT NULL,
  	\`authors\` text,
  	\`publisher\` text,
  	\`year\` numeric,
  	\`url\` text,
  	\`doi\` text,
  	\`pmid\` text,
  	\`source_type\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`INSERT INTO \`__new_sources\`("id", "title", "authors", "publisher", "year", "url", "doi", "pmid", "source_type", "updated_at", "created_at") SELECT "id", "title", "authors", "publisher", "year", "url", "doi", "pmid", "source_type", "updated_at", "created_at" FROM \`sources\`;`)
  await db.run(sql`DROP TABLE \`sources\`;`)
  await db.run(sql`ALTER TABLE \`__new_sources\` RENAME TO \`sources\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`sources_updated_at_idx\` ON \`sources\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`sources_created_at_idx\` ON \`sources\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new_media\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`alt\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`url\` text,
  	\`thumbnail_u_r_l\` text,
  	\`filename\` text,
  	\`mime_type\` text,
  	\`filesize\` numeric,
  	\`width\` numeric,
  	\`height\` numeric,
  	\`focal_x\` numeric,
  	\`focal_y\` numeric
  );
  `)
  await db.run(sql`INSERT INTO \`__new_media\`("id", "alt", "updated_at", "created_at", "url", "thumbnail_u_r_l", "filename", "mime_type", "filesize", "width", "height", "focal_x", "focal_y") SELECT "id", "alt", "updated_at", "created_at", "url", "thumbnail_u_r_l", "filename", "mime_type", "filesize", "width", "height", "focal_x", "focal_y" FROM \`media\`;`)
  await db.run(sql`DROP TABLE \`media\`;`)
  await db.run(sql`ALTER TABLE \`__new_media\` RENAME TO \`media\`;`)
  await db.run(sql`CREATE INDEX \`media_updated_at_idx\` ON \`media\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`media_created_at_idx\` ON \`media\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`media_filename_idx\` ON \`media\` (\`filename\`);`)
  await db.run(sql`DROP INDEX \`published_articles_needs_review_idx\`;`)
  await db.run(sql`ALTER TABLE \`published_articles\` DROP COLUMN \`review_flags\`;`)
  await db.run(sql`ALTER TABLE \`published_articles\` DROP COLUMN \`needs_review\`;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`reset_password_requested_at\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`signed_evidence\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_signed_evidence\`;`)
}
