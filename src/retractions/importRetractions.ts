import type { Readable } from 'node:stream'

import type { Payload } from 'payload'

import { upsertRetractions } from '@/db/retractionStore'

import { isRetraction, readRetractionCsv } from './csv'
import type { RetractionNotice } from './csv'
import { flagRetractedArticles } from './sweep'

export type ImportSummary = {
  /** Data rows read from the file. */
  rows: number
  /** Notices new to the list. */
  added: number
  /** Known notices whose date or nature changed. */
  updated: number
  /** Rows that repeat an earlier row of the same file. */
  duplicates: number
  /** Rows left out, the first 20 with their line and reason. */
  skipped: number
  skippedRows: { line: number; reason: string }[]
  /** Live articles flagged because a source they cite is newly retracted. */
  flaggedArticles: (number | string)[]
  milliseconds: number
}

const BATCH = 500

/**
 * Loads a retraction list (Retraction Watch / Crossref CSV) as it streams in, `BATCH` rows per
 * write, and then flags, e-mails and announces every live article that cites a source retracted
 * by a notice new to the list. Idempotent: the same file again adds nothing and flags nothing.
 * Throws a RetractionCsvError when the file cannot be read as a retraction list.
 */
export const importRetractions = async ({
  payload,
  input,
  onProgress,
}: {
  payload: Payload
  input: Readable | string
  /** Called after each batch with the rows read so far. */
  onProgress?: (rows: number) => void
}): Promise<ImportSummary> => {
  const started = Date.now()
  const summary: ImportSummary = {
    rows: 0,
    added: 0,
    updated: 0,
    duplicates: 0,
    skipped: 0,
    skippedRows: [],
    flaggedArticles: [],
    milliseconds: 0,
  }
  const seen = new Set<string>()
  const newlyRetracted: RetractionNotice[] = []
  let batch: RetractionNotice[] = []
  const flush = async () => {
    const { inserted, updated } = await upsertRetractions({ payload, notices: batch })
    summary.added += inserted.length
    summary.updated += updated
    newlyRetracted.push(...inserted.filter((notice) => isRetraction(notice.retractionNature)))
    batch = []
    onProgress?.(summary.rows)
  }
  for await (const row of readRetractionCsv(input)) {
    summary.rows += 1
    if ('skipped' in row) {
      summary.skipped += 1
      if (summary.skippedRows.length < 20) {
        summary.skippedRows.push({ line: row.line, reason: row.skipped })
      }
      continue
    }
    if (seen.has(row.notice.key)) {
      summary.duplicates += 1
      continue
    }
    seen.add(row.notice.key)
    batch.push(row.notice)
    if (batch.length >= BATCH) {
      await flush()
    }
  }
  await flush()
  summary.flaggedArticles = await flagRetractedArticles({ payload, notices: newlyRetracted })
  summary.milliseconds = Date.now() - started
  return summary
}
