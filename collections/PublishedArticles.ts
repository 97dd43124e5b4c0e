import type { CollectionConfig } from 'payload'

import { internalOnly } from '@access/nobody'

import { PUBLISHED_ARTICLES } from '@/shared/collections'

/**
 * The delivery API's read model: each live article rendered once, when it is published, as the
 * exact JSON `GET /content/v1/articles/:slug` sends, with its strong ETag. Written only by
 * Signoff's own hooks and jobs (src/delivery/readModel/), read by slug; no API door opens it.
 */
export const PublishedArticles: CollectionConfig = {
  slug: PUBLISHED_ARTICLES,
  // Pinned: the delivery API reads this table by name (src/db/readModelStore.ts).
  dbName: 'published_articles',
  labels: { singular: 'Published article (rendered)', plural: 'Published articles (rendered)' },
  ...internalOnly(),
  fields: [
    { name: 'slug', type: 'text', required: true, unique: true, index: true },
    // Not required: deleting an article sets it to null before the afterDelete hook removes the row.
    { name: 'article', type: 'relationship', relationTo: 'articles', unique: true, index: true },
    // Until the body is stored compressed; then only the compressed bodies are kept (null here),
    // and a request for identity unpacks `bodyLz4`: a row a fifth the size, read by the page.
    { name: 'body', type: 'textarea' },
    // The body compressed once when stored: the delivery API sends these bytes as they are. SQLite
    // keeps bytes (blob values in these text columns), MongoDB base64 text; Signoff's store reads
    // and writes them (src/db/readModelStore/), never Payload's API.
    { name: 'bodyBr', type: 'textarea' },
    { name: 'bodyGzip', type: 'textarea' },
    // The body packed (LZ4): unpacked for a request for identity, four times faster than gzip.
    { name: 'bodyLz4', type: 'textarea' },
    { name: 'etag', type: 'text', required: true },
    {
      name: 'origin',
      type: 'text',
      required: true,
      // Named for what it first held (SERVER_URL); now the key of every setting a rendering uses.
      admin: {
        description:
          'What the rendering was made for (format and public site settings); other settings render it again.',
      },
    },
    {
      name: 'reviewStatusChangesAt',
      type: 'date',
      // The refresh job asks for stale renderings or these: without it, every run read the whole
      // table, bodies included (minutes at 100,000 articles).
      index: true,
      admin: { description: 'From then on the rendered reviewStatus is wrong: render again.' },
    },
    {
      name: 'reviewFlags',
      type: 'json',
      admin: {
        description: 'Why the live article needs a reviewer: evidence changed, rules failed.',
      },
    },
    { name: 'needsReview', type: 'checkbox', defaultValue: false, index: true },
    {
      name: 'isStale',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      admin: { description: 'Something the article shows (a person, a source…) changed since.' },
    },
    {
      name: 'servableWhileStale',
      type: 'checkbox',
      defaultValue: false,
      // Stored after the bodies: the index lets a mark find them without reading every row.
      index: true,
      admin: {
        description:
          'Stale in presentation only (a disclaimer, a topic, the publisher): readers get this rendering while the refresh job renders it again.',
      },
    },
    // What the public list's `q` searches and sorts by, copied from the live version with each
    // rendering: the search reads them from the index below (a few hundred bytes an article), not
    // from the articles' rows (at 100,000 articles, 18-26 ms a query instead of 61-74).
    { name: 'title', type: 'text' },
    { name: 'summary', type: 'textarea' },
    { name: 'publishedAt', type: 'date' },
  ],
  // Newest first, as the list is ordered: a search walks it from the top and stops at its page.
  indexes: [{ fields: ['publishedAt', 'article', 'title', 'summary'] }],
}
