import { createHash } from 'node:crypto'

import { signedPart } from './evidence'
import type { Evidence } from './evidence'

/** The fields whose exact content a medical reviewer signs off. Everything else is workflow state. */
export const CONTENT_FIELDS = [
  'title',
  'slug',
  'summary',
  'heroImage',
  'body',
  'keyMessages',
  'topics',
  'author',
  'medicalReviewer',
  'sources',
  'disclaimer',
] as const

export type ArticleContent = Partial<Record<(typeof CONTENT_FIELDS)[number], unknown>>

/**
 * The scheme in use, written in front of every fingerprint. v1 covered the article's own fields;
 * v2 covers them and the evidence (sources as cited, the hero image's file and alt text).
 */
export const FINGERPRINT_VERSION = 'v2'

const idOrValue = (value: unknown): unknown =>
  value && typeof value === 'object' && !Array.isArray(value) && 'id' in value
    ? (value as { id: unknown }).id
    : value

/** The same content gives the same string whatever the key order, ids vs populated documents, or array row ids. */
const canonical = (field: string, value: unknown): unknown => {
  if (value === undefined || value === null || value === '') {
    return null
  }
  if (field === 'keyMessages' && Array.isArray(value)) {
    return value.map((row) => (row as { message?: unknown }).message ?? null)
  }
  if (Array.isArray(value) && field !== 'body') {
    return value.map((item) => String(idOrValue(item)))
  }
  if (field === 'body') {
    return value
  }
  const reduced = idOrValue(value)
  return typeof reduced === 'number' ? String(reduced) : reduced
}

const stableStringify = (value: unknown): string => {
  if (Array.isArray(value)) {
    return `[${value.map(stableStringify).join(',')}]`
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

const canonicalContent = (content: ArticleContent) =>
  Object.fromEntries(CONTENT_FIELDS.map((f) => [f, canonical(f, content[f])]))

/**
 * What `approve` records and `publish` compares: `v2:` and a SHA-256 of the content fields and
 * the evidence. `evidence: null` (no sources, no image loaded) is only for comparing two versions
 * of the same article's own fields.
 */
export const contentFingerprint = ({
  content,
  evidence,
}: {
  content: ArticleContent
  evidence: Evidence | null
}): string =>
  `${FINGERPRINT_VERSION}:${sha256(stableStringify({ content: canonicalContent(content), evidence: signedPart(evidence) }))}`

/** The first scheme, content fields only, unprefixed: for moving old approvals to v2. */
export const legacyFingerprint = (content: ArticleContent): string =>
  sha256(stableStringify(canonicalContent(content)))
