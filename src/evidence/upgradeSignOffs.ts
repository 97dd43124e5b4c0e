import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import type { Payload, PayloadRequest, SelectIncludeType } from 'payload'

import type { Article, Media, Source } from '@payload-types'
import { evidenceOf } from '@/workflow/evidence'
import type { Evidence } from '@/workflow/evidence'
import {
  CONTENT_FIELDS,
  FINGERPRINT_VERSION,
  contentFingerprint,
  legacyFingerprint,
} from '@/workflow/fingerprint'
import { idOf } from '@/shared/idOf'

type Content = Partial<Article>

/**
 * Only what the upgrade reads and writes: it runs inside an old migration, when later migrations
 * have not yet added the columns the current config knows, so reading or returning every column
 * would fail.
 */
const ARTICLE_COLUMNS: SelectIncludeType = Object.fromEntries(
  [...CONTENT_FIELDS, 'approvedFingerprint', 'signedEvidence', '_status'].map((field) => [
    field,
    true as const,
  ]),
)

const hashFile = (file: string): string | null =>
  fs.existsSync(file) ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : null

/** Every media file's SHA-256, for images uploaded before files were hashed. */
const hashMedia = async ({ payload, req }: { payload: Payload; req?: PayloadRequest }) => {
  const staticDir = payload.collections.media.config.upload.staticDir ?? ''
  const { docs } = await payload.db.find<Media>({
    collection: 'media',
    where: { sha256: { exists: false } },
    pagination: false,
    req,
  })
  for (const media of docs) {
    const sha256 = media.filename ? hashFile(path.join(staticDir, media.filename)) : null
    if (sha256) {
      await payload.db.updateOne({ collection: 'media', id: media.id, data: { sha256 }, req })
    } else {
      payload.logger.warn(
        `Media ${media.id} (${media.filename}) has no file to hash; it cannot be signed until one is uploaded.`,
      )
    }
  }
}

/** The evidence of some content as it is in the database now. */
const evidenceLoader = ({ payload, req }: { payload: Payload; req?: PayloadRequest }) => {
  const sources = new Map<string, Source>()
  const media = new Map<string, Media>()
  return async (content: Content): Promise<Evidence> => {
    const sourceIds = (content.sources ?? []).map(idOf).filter((id) => id !== null)
    const missing = sourceIds.filter((id) => !sources.has(String(id)))
    if (missing.length) {
      const { docs } = await payload.db.find<Source>({
        collection: 'sources',
        where: { id: { in: missing } },
        pagination: false,
        req,
      })
      docs.forEach((doc) => sources.set(String(doc.id), doc))
    }
    const heroId = idOf(content.heroImage)
    if (heroId !== null && !media.has(String(heroId))) {
      const doc = await payload.db.findOne<Media>({
        collection: 'media',
        where: { id: { equals: heroId } },
        req,
      })
      if (doc) {
        media.set(String(heroId), doc)
      }
    }
    return evidenceOf({
      sources: sourceIds.map((id) => sources.get(String(id))).filter((doc) => doc !== undefined),
      heroImage: heroId === null ? null : (media.get(String(heroId)) ?? null),
    })
  }
}

/**
 * What a stored article (or version) needs to move to the current scheme: an approval of the text
 * as it still is gets the v2 fingerprint of that text with its evidence as it is now, and a live
 * version records the evidence it shows. An approval whose text changed since stays unmatched
 * (it was void already). Null when nothing changes.
 */
const upgraded = async ({
  content,
  evidenceFor,
}: {
  content: Content
  evidenceFor: (content: Content) => Promise<Evidence>
}): Promise<Pick<Article, 'approvedFingerprint' | 'signedEvidence'> | null> => {
  const fingerprint = content.approvedFingerprint
  const isOldApproval = Boolean(fingerprint && !fingerprint.startsWith(`${FINGERPRINT_VERSION}:`))
  const isLiveWithoutEvidence = content._status === 'published' && !content.signedEvidence
  if (!isOldApproval && !isLiveWithoutEvidence) {
    return null
  }
  const own = Object.fromEntries(CONTENT_FIELDS.map((field) => [field, content[field]]))
  const evidence = await evidenceFor(content)
  const isStillApproved = isOldApproval && legacyFingerprint(own) === fingerprint
  return {
    approvedFingerprint: isStillApproved
      ? contentFingerprint({ content: own, evidence })
      : (fingerprint ?? null),
    signedEvidence:
      isStillApproved || isLiveWithoutEvidence ? evidence : (content.signedEvidence ?? null),
  }
}

/**
 * Moves existing sign-offs to the fingerprint that covers evidence (see src/workflow/fingerprint.ts),
 * without taking anything offline: nothing's stage or status changes, live pages keep showing what
 * they show (now recorded as their signed evidence), and their renderings are refreshed by the
 * read-model job. Writes through the database adapter, so no hook re-decides anything.
 */
export const upgradeSignOffs = async ({
  payload,
  req,
}: {
  payload: Payload
  req?: PayloadRequest
}): Promise<{ articles: number; versions: number }> => {
  await hashMedia({ payload, req })
  const evidenceFor = evidenceLoader({ payload, req })
  let articles = 0
  let versions = 0
  const { docs } = await payload.db.find<Article>({
    collection: 'articles',
    pagination: false,
    select: ARTICLE_COLUMNS,
    req,
  })
  for (const doc of docs) {
    const data = await upgraded({ content: doc, evidenceFor })
    if (data) {
      await payload.db.updateOne({
        collection: 'articles',
        id: doc.id,
        data,
        returning: false,
        req,
      })
      articles += 1
    }
  }
  // MongoDB has no columns to miss, and would replace a version's whole `version` with a part.
  const isDocumentStore = payload.db.name === 'mongoose'
  const { docs: rows } = await payload.db.findVersions<Article>({
    collection: 'articles',
    pagination: false,
    ...(isDocumentStore ? {} : { select: { version: ARTICLE_COLUMNS } }),
    req,
    where: {},
  })
  for (const row of rows) {
    const data = await upgraded({ content: row.version, evidenceFor })
    if (data) {
      await payload.db.updateVersion<Article>({
        collection: 'articles',
        id: row.id,
        versionData: (isDocumentStore
          ? { ...row, version: { ...row.version, ...data } }
          : { version: data }) as never,
        returning: false,
        req,
      })
      versions += 1
    }
  }
  await payload.db.updateMany({
    collection: 'published-articles',
    // Run by a migration that comes before renderings could be stale in presentation only
    // (`servableWhileStale`): a condition on that column would fail on the schema it meets.
    where: { isStale: { equals: false } },
    data: { isStale: true },
    req,
  })
  return { articles, versions }
}
