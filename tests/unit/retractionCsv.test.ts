import { describe, expect, it } from '@jest/globals'

import {
  RetractionCsvError,
  isRetraction,
  normalizeDoi,
  normalizePmid,
  parseRetractionDate,
  readRetractionCsv,
} from '@/retractions/csv'
import type { ParsedRow } from '@/retractions/csv'

const HEADER =
  'Record ID,Title,Journal,RetractionDate,RetractionDOI,RetractionPubMedID,OriginalPaperDate,OriginalPaperDOI,OriginalPaperPubMedID,RetractionNature,Reason'

const read = async (text: string): Promise<ParsedRow[]> => {
  const rows: ParsedRow[] = []
  for await (const row of readRetractionCsv(text)) {
    rows.push(row)
  }
  return rows
}

describe('a Retraction Watch CSV', () => {
  it('reads a byte-order mark, quoted commas and line breaks, and ignores other columns', async () => {
    const csv = [
      `\uFEFF${HEADER}`,
      '1,"Back pain, revisited","J. Pain",1/2/2026 0:00,10.1/r1,0,12/1/2020 0:00,https://doi.org/10.1002/ART.34347,22231424,Retraction,"+Data; ""fabricated"""',
      '2,"A title\nover two lines",J,2026-02-03,,,,10.5555/x,unavailable,Correction,',
    ].join('\r\n')
    const rows = await read(csv)
    expect(rows).toEqual([
      {
        line: 2,
        notice: {
          key: '10.1002/art.34347|22231424|retraction',
          doi: '10.1002/art.34347',
          pmid: '22231424',
          retractionDate: '2026-01-02T00:00:00.000Z',
          retractionNature: 'Retraction',
        },
      },
      {
        line: 4,
        notice: {
          key: '10.5555/x||correction',
          doi: '10.5555/x',
          pmid: null,
          retractionDate: '2026-02-03T00:00:00.000Z',
          retractionNature: 'Correction',
        },
      },
    ])
  })

  it('gives duplicate rows the same key, so an import keeps one', async () => {
    const row = '1,T,J,1/2/2026 0:00,,,,10.1/dup,123,Retraction,'
    const rows = await read([HEADER, row, row].join('\n'))
    const keys = rows.map((r) => ('notice' in r ? r.notice.key : null))
    expect(keys).toEqual(['10.1/dup|123|retraction', '10.1/dup|123|retraction'])
  })

  it('refuses a file without a required column, naming it', async () => {
    const header = HEADER.replace('OriginalPaperPubMedID', 'PMID')
    await expect(read(`${header}\n1,T,J,1/2/2026 0:00,,,,10.1/a,1,Retraction,`)).rejects.toThrow(
      RetractionCsvError,
    )
    await expect(read(`${header}\n`)).rejects.toThrow('"OriginalPaperPubMedID"')
    await expect(read('OriginalPaperDOI\n10.1/a\n')).rejects.toThrow(
      /"OriginalPaperPubMedID", "RetractionDate", "RetractionNature" columns/,
    )
  })

  it('skips rows it cannot use, saying why', async () => {
    const rows = await read(
      [
        HEADER,
        '1,T,J,1/2/2026,,,,unavailable,0,Retraction,',
        '2,T,J,yesterday,,,,10.1/b,,Retraction,',
      ].join('\n'),
    )
    expect(rows).toEqual([
      { line: 2, skipped: 'no DOI or PubMed ID' },
      { line: 3, skipped: expect.stringContaining('RetractionDate "yesterday"') },
    ])
  })
})

describe('its values', () => {
  it('reads both date formats as UTC instants', () => {
    expect(parseRetractionDate('1/2/2026 0:00')).toBe('2026-01-02T00:00:00.000Z')
    expect(parseRetractionDate('12/31/2025 13:45')).toBe('2025-12-31T13:45:00.000Z')
    expect(parseRetractionDate('3/4/2024')).toBe('2024-03-04T00:00:00.000Z')
    expect(parseRetractionDate('2026-01-02')).toBe('2026-01-02T00:00:00.000Z')
    expect(parseRetractionDate('2026-01-02T08:30:00Z')).toBe('2026-01-02T08:30:00.000Z')
    expect(parseRetractionDate('')).toBeNull()
    expect(parseRetractionDate('2/30/2026 0:00')).toBeUndefined()
    expect(parseRetractionDate('02.01.2026')).toBeUndefined()
  })

  it('normalizes DOIs and PubMed IDs', () => {
    expect(normalizeDoi(' https://doi.org/10.1002/ART.34347 ')).toBe('10.1002/art.34347')
    expect(normalizeDoi('doi:10.1/X')).toBe('10.1/x')
    expect(normalizeDoi('http://dx.doi.org/10.1/x')).toBe('10.1/x')
    expect(normalizeDoi('unavailable')).toBeNull()
    expect(normalizePmid('0')).toBeNull()
    expect(normalizePmid('00123')).toBe('123')
    expect(normalizePmid('abc')).toBeNull()
  })

  it('counts only retractions as retractions', () => {
    expect(isRetraction('Retraction')).toBe(true)
    expect(isRetraction('Expression of concern')).toBe(false)
    expect(isRetraction('Correction')).toBe(false)
  })
})
