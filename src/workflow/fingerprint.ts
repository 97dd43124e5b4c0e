import { createHash } from 'node:crypto'

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

/** A SHA-256 of the content fields: what `approve` records and `publish` compares. */
export const contentFingerprint = (article: ArticleContent): string =>
  createHash('sha256')
    .update(
      stableStringify(Object.fromEntries(CONTENT_FIELDS.map((f) => [f, canonical(f, article[f])]))),
    )
    .digest('hex')
