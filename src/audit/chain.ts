/**
 * The review records of an article as a hash chain: each record's `hash` is the SHA-256 of its
 * canonical fields and the previous record's hash, so changing or removing a record breaks every
 * link after it. Pure.
 */
import { createHash } from 'node:crypto'

/** The fields a record's hash covers, besides `previousHash`. */
export const CHAINED_FIELDS = [
  'article',
  'versionId',
  'action',
  'fromStage',
  'toStage',
  'actor',
  'actorName',
  'note',
  'fingerprint',
  'at',
  'attestation',
  'reviewerCredentials',
] as const

type Relation = number | string | { id: number | string } | null | undefined

/** A review record as stored or about to be, with relations as ids or populated documents. */
export type ChainedRecord = {
  id?: number | string
  article: Relation
  versionId?: string | null
  action: string
  fromStage?: string | null
  toStage?: string | null
  actor?: Relation
  actorName?: string | null
  note?: string | null
  fingerprint?: string | null
  at: string | Date
  attestation?: string | null
  reviewerCredentials?: {
    qualifications?: string | null
    verifiedUntil?: string | Date | null
  } | null
  previousHash?: string | null
  hash?: string | null
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

const idOf = (value: Relation): string | null =>
  value === null || value === undefined
    ? null
    : typeof value === 'object'
      ? String(value.id)
      : String(value)

const instant = (value: string | Date | null | undefined): string | null =>
  value === null || value === undefined || value === '' ? null : new Date(value).toISOString()

const textOrNull = (value: string | null | undefined): string | null =>
  value === undefined || value === null ? null : value

/** JSON with every object's keys sorted, no whitespace: the same bytes for the same values. */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`
  }
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      )
      .join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

/**
 * The values a hash covers, as both adapters give them back: ids as text, instants as ISO in UTC,
 * a missing value as null, and credentials as null when the record has none (decisions other
 * than approvals).
 */
export const canonicalRecord = (record: ChainedRecord): Record<string, unknown> => {
  const credentials = record.reviewerCredentials
  const qualifications = textOrNull(credentials?.qualifications)
  const verifiedUntil = instant(credentials?.verifiedUntil)
  return {
    article: idOf(record.article),
    versionId: textOrNull(record.versionId),
    action: record.action,
    fromStage: textOrNull(record.fromStage),
    toStage: textOrNull(record.toStage),
    actor: idOf(record.actor),
    actorName: textOrNull(record.actorName),
    note: textOrNull(record.note),
    fingerprint: textOrNull(record.fingerprint),
    at: instant(record.at),
    attestation: textOrNull(record.attestation),
    reviewerCredentials:
      qualifications === null && verifiedUntil === null ? null : { qualifications, verifiedUntil },
  }
}

/** Where an article's chain starts: a value no other article's chain can have. */
export const genesisHash = (articleId: number | string): string =>
  sha256(`signoff:review-records:${String(articleId)}`)

/** The hash of a record that follows `previousHash`. */
export const recordHash = ({
  record,
  previousHash,
}: {
  record: ChainedRecord
  previousHash: string
}): string => sha256(canonicalJson({ ...canonicalRecord(record), previousHash }))

export type ChainBreak = {
  article: string
  recordId: string
  /** What the chain needs at this record. */
  expected: string
  /** What the record holds. */
  found: string
  reason: 'changed' | 'out of chain'
}

/**
 * Checks one article's records, in the order they were written: each must point at the hash
 * before it (the first at the article's genesis) and hold the hash of its own fields. The first
 * break, or null. A record removed from the middle shows as the next one pointing elsewhere.
 */
export const firstBreak = (records: ChainedRecord[]): ChainBreak | null => {
  const first = records[0]
  if (!first) {
    return null
  }
  const article = idOf(first.article) ?? ''
  let previous = genesisHash(article)
  for (const record of records) {
    const recordId = String(record.id)
    if ((record.previousHash ?? '') !== previous) {
      return {
        article,
        recordId,
        expected: `previousHash ${previous}`,
        found: `previousHash ${record.previousHash ?? 'none'}`,
        reason: 'out of chain',
      }
    }
    const expected = recordHash({ record, previousHash: previous })
    if (record.hash !== expected) {
      return {
        article,
        recordId,
        expected: `hash ${expected}`,
        found: `hash ${record.hash ?? 'none'}`,
        reason: 'changed',
      }
    }
    previous = expected
  }
  return null
}

/**
 * An article's records in chain order: `linked` follows each record's `previousHash` from the
 * genesis, whatever order they were read in; `unlinked` are those no link reaches.
 */
const followLinks = <R extends ChainedRecord>(records: R[]): { linked: R[]; unlinked: R[] } => {
  const first = records[0]
  if (!first) {
    return { linked: [], unlinked: [] }
  }
  const byPrevious = new Map<string, R>()
  for (const record of records) {
    if (record.previousHash && !byPrevious.has(record.previousHash)) {
      byPrevious.set(record.previousHash, record)
    }
  }
  const linked: R[] = []
  const placed = new Set<R>()
  let link: string | null | undefined = genesisHash(idOf(first.article) ?? '')
  while (link) {
    const next = byPrevious.get(link)
    if (!next || placed.has(next)) {
      break
    }
    linked.push(next)
    placed.add(next)
    link = next.hash
  }
  return { linked, unlinked: records.filter((record) => !placed.has(record)) }
}

/** The records in chain order; those no link reaches come last (and fail `firstBreak`). */
export const chainOrder = <R extends ChainedRecord>(records: R[]): R[] => {
  const { linked, unlinked } = followLinks(records)
  return [...linked, ...unlinked]
}

/** The hash a new record of the article follows: the end of its chain as stored, or its genesis. */
export const chainHead = ({
  articleId,
  records,
}: {
  articleId: number | string
  records: ChainedRecord[]
}): string => followLinks(records).linked.at(-1)?.hash ?? genesisHash(articleId)
