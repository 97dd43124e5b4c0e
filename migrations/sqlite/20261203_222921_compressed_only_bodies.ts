import { compressSync, uncompressSync } from 'lz4-napi'

import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

/**
 * A rendering keeps only its compressed bodies once they are stored: the identity body (about 30 KB
 * of an article's 35) goes, and a request for identity unpacks a new column, `body_lz4` (LZ4, about
 * 4.5 KB). `body` turns nullable. The compressed bodies are kept as bytes (blob values; the
 * columns' declared type stays Payload's `text`), not base64 text, a quarter smaller. The table is
 * rebuilt with the small columns first and the bodies last, the packed one first among them: a
 * row takes about three pages instead of nine, and a lookup for identity reads two. Every row is
 * converted here, in batches, with progress. `VACUUM` gives the freed space back to the file system.
 *
 * The codec is imported as it is, not through src/: a migration must keep doing what it did.
 */

const BATCH = 500

const COLUMNS = sql.raw(
  '"id", "slug", "article_id", "etag", "origin", "review_status_changes_at", "review_flags", "needs_review", "is_stale", "servable_while_stale", "updated_at", "created_at", "body", "body_br", "body_gzip"',
)

const createIndexes = async (db: MigrateUpArgs['db']) => {
  await db.run(sql`CREATE UNIQUE INDEX \`published_articles_slug_idx\` ON \`published_articles\` (\`slug\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`published_articles_article_idx\` ON \`published_articles\` (\`article_id\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_review_status_changes_at_idx\` ON \`published_articles\` (\`review_status_changes_at\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_needs_review_idx\` ON \`published_articles\` (\`needs_review\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_is_stale_idx\` ON \`published_articles\` (\`is_stale\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_servable_while_stale_idx\` ON \`published_articles\` (\`servable_while_stale\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_updated_at_idx\` ON \`published_articles\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_created_at_idx\` ON \`published_articles\` (\`created_at\`);`)
}

type Row = {
  id: number
  body: string | null
  body_br: string | ArrayBuffer | null
  body_gzip: string | ArrayBuffer | null
  body_lz4: ArrayBuffer | null
}

/** Rewrites each row that `select` (one batch after `id`) finds, `BATCH` at a time, with progress. */
const eachBatch = async ({
  db,
  payload,
  what,
  select,
  update,
}: {
  db: MigrateUpArgs['db']
  payload: MigrateUpArgs['payload']
  what: string
  select: (afterId: number) => ReturnType<typeof sql>
  update: (row: Row) => ReturnType<typeof sql>
}) => {
  let afterId = 0
  let done = 0
  for (;;) {
    const rows = (await db.all(select(afterId))) as Row[]
    if (rows.length === 0) {
      break
    }
    for (const row of rows) {
      await db.run(update(row))
    }
    done += rows.length
    afterId = rows[rows.length - 1]!.id
    payload.logger.info(`${what}: ${done} renderings`)
  }
}

/** Base64 text as bytes; bytes as they are. */
const bytes = (stored: string | ArrayBuffer | null): Buffer | null =>
  stored === null ? null : typeof stored === 'string' ? Buffer.from(stored, 'base64') : Buffer.from(stored)

/** Bytes as base64 text; text as it is. */
const base64 = (stored: string | ArrayBuffer | null): string | null =>
  stored === null || typeof stored === 'string' ? stored : Buffer.from(stored).toString('base64')

export async function up({ db, payload }: MigrateUpArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_published_articles\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`slug\` text NOT NULL,
  	\`article_id\` integer,
  	\`etag\` text NOT NULL,
  	\`origin\` text NOT NULL,
  	\`review_status_changes_at\` text,
  	\`review_flags\` text,
  	\`needs_review\` integer DEFAULT false,
  	\`is_stale\` integer DEFAULT false,
  	\`servable_while_stale\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`body\` text,
  	\`body_lz4\` text,
  	\`body_br\` text,
  	\`body_gzip\` text,
  	FOREIGN KEY (\`article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_published_articles\`(${COLUMNS}) SELECT ${COLUMNS} FROM \`published_articles\`;`)
  await db.run(sql`DROP TABLE \`published_articles\`;`)
  await db.run(sql`ALTER TABLE \`__new_published_articles\` RENAME TO \`published_articles\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await createIndexes(db)
  // A compressed rendering is packed and its identity body goes; one not compressed yet is left.
  await eachBatch({
    db,
    payload,
    what: 'Renderings kept compressed only',
    select: (afterId) =>
      sql`SELECT id, body, body_br, body_gzip FROM published_articles
        WHERE id > ${afterId} AND (typeof(body_br) = 'text' OR typeof(body_gzip) = 'text')
        ORDER BY id LIMIT ${BATCH}`,
    update: ({ id, body, body_br, body_gzip }) => {
      const packed = body !== null && body_gzip !== null ? compressSync(Buffer.from(body)) : null
      return sql`UPDATE published_articles
        SET body_br = ${bytes(body_br)}, body_gzip = ${bytes(body_gzip)}, body_lz4 = ${packed},
          body = ${packed ? null : body}
        WHERE id = ${id}`
    },
  })
}

export async function down({ db, payload }: MigrateDownArgs): Promise<void> {
  // Each identity body unpacked back before the column is NOT NULL again, and the compressed
  // bodies base64 text again.
  await eachBatch({
    db,
    payload,
    what: 'Renderings unpacked',
    select: (afterId) =>
      sql`SELECT id, body, body_br, body_gzip, body_lz4 FROM published_articles
        WHERE id > ${afterId}
          AND (body IS NULL OR typeof(body_br) = 'blob' OR typeof(body_gzip) = 'blob')
        ORDER BY id LIMIT ${BATCH}`,
    update: ({ id, body, body_br, body_gzip, body_lz4 }) =>
      sql`UPDATE published_articles
        SET body = ${body ?? (body_lz4 ? uncompressSync(Buffer.from(body_lz4)).toString() : null)},
          body_br = ${base64(body_br)}, body_gzip = ${base64(body_gzip)}
        WHERE id = ${id}`,
  })
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
  await db.run(sql`INSERT INTO \`__new_published_articles\`(${COLUMNS}) SELECT ${COLUMNS} FROM \`published_articles\`;`)
  await db.run(sql`DROP TABLE \`published_articles\`;`)
  await db.run(sql`ALTER TABLE \`__new_published_articles\` RENAME TO \`published_articles\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await createIndexes(db)
}
