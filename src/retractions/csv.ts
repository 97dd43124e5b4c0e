/**
 * A retraction list in the Retraction Watch / Crossref CSV layout, read as a stream: one row per
 * notice, of which Signoff keeps the original paper's DOI and PubMed ID, the notice's date and its
 * nature. Other columns are ignored. Pure apart from reading the stream.
 */
import type { Readable } from 'node:stream'

import { parse } from 'csv-parse'

export const REQUIRED_COLUMNS = [
  'OriginalPaperDOI',
  'OriginalPaperPubMedID',
  'RetractionDate',
  'RetractionNature',
] as const

/** A notice as stored: identifiers normalized, the date as ISO (UTC), and a key that makes re-imports idempotent. */
export type RetractionNotice = {
  key: string
  doi: string | null
  pmid: string | null
  retractionDate: string | null
  retractionNature: string
}

/** A file Signoff cannot read as a retraction list: the message says what is wrong. */
export class RetractionCsvError extends Error {
  override name = 'RetractionCsvError'
}

// Retraction Watch writes "unavailable" (and sometimes "0") where a paper has no DOI or PubMed ID.
const MISSING = new Set(['', 'unavailable', 'na', 'n/a', 'none', 'null', '0'])

/** `https://doi.org/10.1/ABC` → `10.1/abc`: DOIs are case-insensitive, and links carry a prefix. */
export const normalizeDoi = (value: unknown): string | null => {
  if (typeof value !== 'string') {
    return null
  }
  const doi = value
    .trim()
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '')
    .toLowerCase()
  return MISSING.has(doi) || !doi.startsWith('10.') ? null : doi
}

/** PubMed IDs are digits; "0" and "unavailable" mean none. */
export const normalizePmid = (value: unknown): string | null => {
  const pmid = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : ''
  const digits = pmid.trim().replace(/^0+/, '')
  return /^\d{1,9}$/.test(digits) ? digits : null
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * `1/2/2026 0:00` (month/day/year, as Retraction Watch's export writes it) or an ISO date, as an
 * ISO instant in UTC; empty is null; anything else is `undefined` (the row is skipped).
 */
export const parseRetractionDate = (value: string): string | null | undefined => {
  const text = value.trim()
  if (text === '') {
    return null
  }
  const us = US_DATE.exec(text)
  if (us) {
    const [, month, day, year, hour = '0', minute = '0', second = '0'] = us
    const date = new Date(
      Date.UTC(
        Number(year),
        Number(month) - 1,
        Number(day),
        Number(hour),
        Number(minute),
        Number(second),
      ),
    )
    return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day)
      ? date.toISOString()
      : undefined
  }
  if (ISO_DATE.test(text)) {
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text)
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
  }
  return undefined
}

/** Whether a notice takes the paper out of the evidence: a retraction, not a correction or concern. */
export const isRetraction = (nature: string | null | undefined): boolean =>
  /^retraction$/i.test((nature ?? '').trim())

export type ParsedRow =
  { line: number; notice: RetractionNotice } | { line: number; skipped: string }

/** One row of the file as a notice, or why it was skipped. */
export const toNotice = ({
  line,
  record,
}: {
  line: number
  record: Record<string, string | undefined>
}): ParsedRow => {
  const doi = normalizeDoi(record.OriginalPaperDOI)
  const pmid = normalizePmid(record.OriginalPaperPubMedID)
  if (!doi && !pmid) {
    return { line, skipped: 'no DOI or PubMed ID' }
  }
  const retractionDate = parseRetractionDate(record.RetractionDate ?? '')
  if (retractionDate === undefined) {
    return {
      line,
      skipped: `RetractionDate "${record.RetractionDate}" is not M/D/YYYY H:MM or an ISO date`,
    }
  }
  const retractionNature = (record.RetractionNature ?? '').trim() || 'Retraction'
  return {
    line,
    notice: {
      key: [doi ?? '', pmid ?? '', retractionNature.toLowerCase()].join('|'),
      doi,
      pmid,
      retractionDate,
      retractionNature,
    },
  }
}

/**
 * The rows of a CSV stream (or text), in order, as they are parsed: a byte-order mark, quoted
 * commas and line breaks, and extra or missing trailing cells are fine; a header without one of
 * `REQUIRED_COLUMNS` throws a RetractionCsvError naming it.
 */
export async function* readRetractionCsv(input: Readable | string): AsyncGenerator<ParsedRow> {
  const parser = parse({
    bom: true,
    columns: (header: string[]) => {
      const names = header.map((name) => name.trim())
      const missing = REQUIRED_COLUMNS.filter((column) => !names.includes(column))
      if (missing.length) {
        throw new RetractionCsvError(
          `The retraction list has no ${missing.map((c) => `"${c}"`).join(', ')} column${missing.length > 1 ? 's' : ''}; its first line must name ${REQUIRED_COLUMNS.join(', ')} (the Retraction Watch layout).`,
        )
      }
      return names
    },
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  })
  if (typeof input === 'string') {
    parser.end(input)
  } else {
    input.on('error', (error) => parser.destroy(error))
    input.pipe(parser)
  }
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string | undefined>
      info: { lines: number }
    }>) {
      yield toNotice({ line: info.lines, record })
    }
  } catch (error) {
    if (error instanceof RetractionCsvError) {
      throw error
    }
    const cause = (error as { cause?: unknown }).cause
    if (cause instanceof RetractionCsvError) {
      throw cause
    }
    throw new RetractionCsvError(
      `The retraction list is not valid CSV: ${(error as Error).message}`,
    )
  }
}
