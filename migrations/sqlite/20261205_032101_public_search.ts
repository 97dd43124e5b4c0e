import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

/**
 * The public search reads the read model: each rendering keeps its live version's title, summary
 * and publication date, in an index of its own. Existing renderings take them from their article;
 * a live article without a rendering (published before the read model) gets a stale one, which
 * its first reader or the refresh job renders.
 */
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`published_articles\` ADD \`title\` text;`)
  await db.run(sql`ALTER TABLE \`published_articles\` ADD \`summary\` text;`)
  await db.run(sql`ALTER TABLE \`published_articles\` ADD \`published_at\` text;`)
  await db.run(sql`UPDATE \`published_articles\` SET \`title\` = a.\`title\`,
    \`summary\` = a.\`summary\`, \`published_at\` = a.\`published_at\`
    FROM \`articles\` AS a WHERE a.\`id\` = \`published_articles\`.\`article_id\`;`)
  await db.run(sql`INSERT INTO \`published_articles\` (\`slug\`, \`article_id\`, \`etag\`,
      \`origin\`, \`is_stale\`, \`servable_while_stale\`, \`needs_review\`, \`title\`, \`summary\`,
      \`published_at\`)
    SELECT a.\`slug\`, a.\`id\`, '', '', 1, 0, 0, a.\`title\`, a.\`summary\`, a.\`published_at\`
    FROM \`articles\` AS a
    WHERE a.\`_status\` = 'published' AND a.\`slug\` IS NOT NULL AND a.\`slug\` <> ''
      AND NOT EXISTS (SELECT 1 FROM \`published_articles\` AS p
        WHERE p.\`article_id\` = a.\`id\` OR p.\`slug\` = a.\`slug\`);`)
  await db.run(sql`CREATE INDEX \`publishedAt_article_title_summary_idx\` ON \`published_articles\` (\`published_at\`,\`article_id\`,\`title\`,\`summary\`);`)
}

/** The stale renderings made going up, which have no body, go: below, an article may have none. */
export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DELETE FROM \`published_articles\`
    WHERE \`etag\` = '' AND \`body\` IS NULL AND \`body_lz4\` IS NULL;`)
  await db.run(sql`DROP INDEX \`publishedAt_article_title_summary_idx\`;`)
  await db.run(sql`ALTER TABLE \`published_articles\` DROP COLUMN \`title\`;`)
  await db.run(sql`ALTER TABLE \`published_articles\` DROP COLUMN \`summary\`;`)
  await db.run(sql`ALTER TABLE \`published_articles\` DROP COLUMN \`published_at\`;`)
}
