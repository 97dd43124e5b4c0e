import { Readable } from 'node:stream'

import { stringify } from 'csv-stringify'
import type { Payload, Where } from 'payload'

import type { ReviewRecord } from '@payload-types'
import { idOf } from '@/shared/idOf'

export const EXPORT_FORMATS = ['csv', 'json'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export type ExportQuery = { format: ExportFormat; from: Date | null; to: Date | null }

/** One decision as an accreditor reads it: flat, so CSV and JSON carry the same columns. */
export type ExportRow = {
  id: string
  articleId: string | null
  articleTitle: string | null
  versionId: string | null
  action: string
  fromStage: string | null
  toStage: string | null
  at: string
  actorId: string | null
  actorName: string | null
  reviewerQualifications: string | null
  reviewerCredentialsVerifiedUntil: string | null
  attestation: string | null
  note: string | null
  fingerprint: string | null
  previousHash: string | null
  hash: string | null
}

export const EXPORT_COLUMNS: (keyof ExportRow)[] = [
  'id',
  'articleId',
  'articleTitle',
  'versionId',
  'action',
  'fromStage',
  'toStage',
  'at',
  'actorId',
  'actorName',
  'reviewerQualifications',
  'reviewerCredentialsVerifiedUntil',
  'attestation',
  'note',
  'fingerprint',
  'previousHash',
  'hash',
]

const DAY = /^\d{4}-\d{2}-\d{2}$/
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/

/** `2026-01-31` or an ISO instant; a bare day `to` runs to the end of that day (UTC). */
const parseBound = (value: string, isEnd: boolean): Date | null => {
  if (DAY.test(value)) {
    const start = new Date(`${value}T00:00:00.000Z`)
    if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== value) {
      return null
    }
    return isEnd ? new Date(start.getTime() + 86_400_000) : start
  }
  const date = INSTANT.test(value) ? new Date(value) : null
  return date && !Number.isNaN(date.getTime()) ? date : null
}

/** The export's query parameters, or what is wrong with them. */
export const parseExportQuery = (query: {
  format?: unknown
  from?: unknown
  to?: unknown
}): { query: ExportQuery } | { problem: string } => {
  const format = query.format ?? 'csv'
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) {
    return { problem: `"format" must be csv or json; got "${String(format)}".` }
  }
  const bound = (name: 'from' | 'to'): Date | null | string => {
    const value = query[name]
    if (value === undefined || value === '') {
      return null
    }
    const date = typeof value === 'string' ? parseBound(value, name === 'to') : null
    return (
      date ?? `"${name}" must be a date (2026-01-31) or an ISO date-time; got "${String(value)}".`
    )
  }
  const from = bound('from')
  const to = bound('to')
  for (const value of [from, to]) {
    if (typeof value === 'string') {
      return { problem: value }
    }
  }
  if (from instanceof Date && to instanceof Date && from.getTime() >= to.getTime()) {
    return { problem: '"from" must be before "to".' }
  }
  return {
    query: { format: format as ExportFormat, from: from as Date | null, to: to as Date | null },
  }
}

const toRow = (record: ReviewRecord): ExportRow => {
  const id = (value: unknown) => {
    const found = idOf(value)
    return found === null ? null : String(found)
  }
  return {
    id: String(record.id),
    articleId: id(record.article),
    articleTitle: record.articleTitle ?? null,
    versionId: record.versionId ?? null,
    action: record.action,
    fromStage: record.fromStage ?? null,
    toStage: record.toStage ?? null,
    at: record.at,
    actorId: id(record.actor),
    actorName: record.actorName ?? null,
    reviewerQualifications: record.reviewerCredentials?.qualifications ?? null,
    reviewerCredentialsVerifiedUntil: record.reviewerCredentials?.verifiedUntil ?? null,
    attestation: record.attestation ?? null,
    note: record.note ?? null,
    fingerprint: record.fingerprint ?? null,
    previousHash: record.previousHash ?? null,
    hash: record.hash ?? null,
  }
}

const BATCH = 500

/**
 * Every decision between `from` and `to`, oldest first, read `BATCH` at a time as the consumer
 * asks for more: an export of any size holds one batch in memory.
 */
export async function* exportRows({
  payload,
  from,
  to,
}: {
  payload: Payload
  from: Date | null
  to: Date | null
}): AsyncGenerator<ExportRow> {
  const and: Where[] = []
  if (from) {
    and.push({ at: { greater_than_equal: from.toISOString() } })
  }
  if (to) {
    and.push({ at: { less_than: to.toISOString() } })
  }
  for (let page = 1; ; page += 1) {
    const { docs, hasNextPage } = await payload.find({
      collection: 'review-records',
      where: { and },
      sort: ['at', 'createdAt'],
      limit: BATCH,
      page,
      depth: 0,
      overrideAccess: true,
    })
    for (const record of docs) {
      yield toRow(record)
    }
    if (!hasNextPage) {
      return
    }
  }
}

// Bytes, not strings: a web stream made from this one must carry Uint8Arrays.
async function* jsonChunks(rows: AsyncIterable<ExportRow>): AsyncGenerator<Buffer> {
  let isFirst = true
  yield Buffer.from('[')
  for await (const row of rows) {
    yield Buffer.from(`${isFirst ? '' : ','}\n${JSON.stringify(row)}`)
    isFirst = false
  }
  yield Buffer.from('\n]\n')
}

/** The export as a byte stream: CSV with a header row (RFC 4180 quoting), or a JSON array. */
export const exportStream = ({
  payload,
  query,
  onRow,
}: {
  payload: Payload
  query: ExportQuery
  /** Called once per row, e.g. for progress. */
  onRow?: () => void
}): Readable => {
  async function* counted(): AsyncGenerator<ExportRow> {
    for await (const row of exportRows({ payload, from: query.from, to: query.to })) {
      onRow?.()
      yield row
    }
  }
  if (query.format === 'json') {
    return Readable.from(jsonChunks(counted()))
  }
  const csv = stringify({ header: true, columns: EXPORT_COLUMNS })
  const rows = Readable.from(counted())
  rows.on('error', (error) => csv.destroy(error))
  return rows.pipe(csv)
}
