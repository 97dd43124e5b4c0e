import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`articles\` ADD \`re_reviewer_id\` integer REFERENCES medical_reviewers(id) ON UPDATE no action ON DELETE set null;`)
  await db.run(sql`CREATE INDEX \`articles_re_reviewer_idx\` ON \`articles\` (\`re_reviewer_id\`);`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_re_reviewer_id\` integer REFERENCES medical_reviewers(id) ON UPDATE no action ON DELETE set null;`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_re_reviewer_idx\` ON \`_articles_v\` (\`version_re_reviewer_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_articles\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`slug\` text,
  	\`summary\` text,
  	\`hero_image_id\` integer,
  	\`body\` text,
  	\`author_id\` integer,
  	\`medical_reviewer_id\` integer,
  	\`disclaimer_id\` integer,
  	\`stage\` text DEFAULT 'draft',
  	\`published_at\` text,
  	\`last_reviewed_at\` text,
  	\`next_review_due\` text,
  	\`review_status\` text,
  	\`approved_fingerprint\` text,
  	\`signed_evidence\` text,
  	\`created_by_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`hero_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`author_id\`) REFERENCES \`authors\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`medical_reviewer_id\`) REFERENCES \`medical_reviewers\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`disclaimer_id\`) REFERENCES \`disclaimers\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`created_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_articles\`("id", "title", "slug", "summary", "hero_image_id", "body", "author_id", "medical_reviewer_id", "disclaimer_id", "stage", "published_at", "last_reviewed_at", "next_review_due", "review_status", "approved_fingerprint", "signed_evidence", "created_by_id", "updated_at", "created_at", "_status") SELECT "id", "title", "slug", "summary", "hero_image_id", "body", "author_id", "medical_reviewer_id", "disclaimer_id", "stage", "published_at", "last_reviewed_at", "next_review_due", "review_status", "approved_fingerprint", "signed_evidence", "created_by_id", "updated_at", "created_at", "_status" FROM \`articles\`;`)
  await db.run(sql`DROP TABLE \`articles\`;`)
  await db.run(sql`ALTER TABLE \`__new_articles\` RENAME TO \`articles\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE UNIQUE INDEX \`articles_slug_idx\` ON \`articles\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`articles_hero_image_idx\` ON \`articles\` (\`hero_image_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_author_idx\` ON \`articles\` (\`author_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_medical_reviewer_idx\` ON \`articles\` (\`medical_reviewer_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_disclaimer_idx\` ON \`articles\` (\`disclaimer_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_stage_idx\` ON \`articles\` (\`stage\`);`)
  await db.run(sql`CREATE INDEX \`articles_published_at_idx\` ON \`articles\` (\`published_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_next_review_due_idx\` ON \`articles\` (\`next_review_due\`);`)
  await db.run(sql`CREATE INDEX \`articles_review_status_idx\` ON \`articles\` (\`review_status\`);`)
  await db.run(sql`CREATE INDEX \`articles_created_by_idx\` ON \`articles\` (\`created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_updated_at_idx\` ON \`articles\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_created_at_idx\` ON \`articles\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`articles__status_idx\` ON \`articles\` (\`_status\`);`)
  await db.run(sql`CREATE INDEX \`_status_publishedAt_idx\` ON \`articles\` (\`_status\`,\`published_at\`);`)
  await db.run(sql`CREATE TABLE \`__new__articles_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
  	\`version_slug\` text,
  	\`version_summary\` text,
  	\`version_hero_image_id\` integer,
  	\`version_body\` text,
  	\`version_author_id\` integer,
  	\`version_medical_reviewer_id\` integer,
  	\`version_disclaimer_id\` integer,
  	\`version_stage\` text DEFAULT 'draft',
  	\`version_published_at\` text,
  	\`version_last_reviewed_at\` text,
  	\`version_next_review_due\` text,
  	\`version_review_status\` text,
  	\`version_approved_fingerprint\` text,
  	\`version_signed_evidence\` text,
  	\`version_created_by_id\` integer,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_hero_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_author_id\`) REFERENCES \`authors\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_medical_reviewer_id\`) REFERENCES \`medical_reviewers\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_disclaimer_id\`) REFERENCES \`disclaimers\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_created_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__articles_v\`("id", "parent_id", "version_title", "version_slug", "version_summary", "version_hero_image_id", "version_body", "version_author_id", "version_medical_reviewer_id", "version_disclaimer_id", "version_stage", "version_published_at", "version_last_reviewed_at", "version_next_review_due", "version_review_status", "version_approved_fingerprint", "version_signed_evidence", "version_created_by_id", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_title", "version_slug", "version_summary", "version_hero_image_id", "version_body", "version_author_id", "version_medical_reviewer_id", "version_disclaimer_id", "version_stage", "version_published_at", "version_last_reviewed_at", "version_next_review_due", "version_review_status", "version_approved_fingerprint", "version_signed_evidence", "version_created_by_id", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest" FROM \`_articles_v\`;`)
  await db.run(sql`DROP TABLE \`_articles_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__articles_v\` RENAME TO \`_articles_v\`;`)
  await db.run(sql`CREATE INDEX \`_articles_v_parent_idx\` ON \`_articles_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_slug_idx\` ON \`_articles_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_hero_image_idx\` ON \`_articles_v\` (\`version_hero_image_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_author_idx\` ON \`_articles_v\` (\`version_author_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_medical_reviewer_idx\` ON \`_articles_v\` (\`version_medical_reviewer_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_disclaimer_idx\` ON \`_articles_v\` (\`version_disclaimer_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_stage_idx\` ON \`_articles_v\` (\`version_stage\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_published_at_idx\` ON \`_articles_v\` (\`version_published_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_next_review_due_idx\` ON \`_articles_v\` (\`version_next_review_due\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_review_status_idx\` ON \`_articles_v\` (\`version_review_status\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_created_by_idx\` ON \`_articles_v\` (\`version_created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_updated_at_idx\` ON \`_articles_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_created_at_idx\` ON \`_articles_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version__status_idx\` ON \`_articles_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_created_at_idx\` ON \`_articles_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_updated_at_idx\` ON \`_articles_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_latest_idx\` ON \`_articles_v\` (\`latest\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_publishedAt_idx\` ON \`_articles_v\` (\`version__status\`,\`version_published_at\`);`)
}
