import { describe, expect, it } from '@jest/globals'

import { countText, readabilityOf, readabilityOfText, textBlocks } from '@/readability/readability'
import { publishWarnings } from '@/workflow/publishRules'
import type { PublishCandidate } from '@/workflow/publishRules'

const paragraph = (text: string) => ({ type: 'p', children: [{ text }] })

describe('Flesch–Kincaid grade (Kincaid et al., 1975)', () => {
  it('gives the published 13.1 for the platypus sentence', () => {
    // The worked example in Wikipedia's "Flesch–Kincaid readability tests": 13 words, 26
    // syllables, 1 sentence: 0.39 × 13 + 11.8 × 2 − 15.59 = 13.08.
    const text = 'The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.'
    expect(countText([text])).toEqual({ sentence: 1, word: 13, syllable: 26, polysillabicWord: 4 })
    expect(readabilityOfText(text).fleschKincaidGrade).toBe(13.1)
  })

  it('scores very plain text below grade 1', () => {
    // 6 one-syllable words: 0.39 × 6 + 11.8 − 15.59 = −1.45.
    expect(readabilityOfText('The cat sat on the mat.').fleschKincaidGrade).toBeCloseTo(-1.4, 1)
  })
})

describe('SMOG grade (McLaughlin, 1969)', () => {
  it('gives 1.043 × √36 + 3.1291 for 36 polysyllabic words in 30 sentences', () => {
    // McLaughlin's sample is 30 sentences; his short method (√36 + 3) gives grade 9.
    const long = 'Physiotherapy helps inflammatory conditions.' // 3 polysyllabic words (6, 5, 3)
    const short = 'We can help you.'
    const sentences = [...Array(12).fill(long), ...Array(18).fill(short)]
    const counts = countText([sentences.join(' ')])
    expect(counts).toMatchObject({ sentence: 30, polysillabicWord: 36 })
    expect(readabilityOfText(sentences.join(' ')).smog).toBe(9.4)
  })
})

describe('a Slate body', () => {
  it('reads headings and list items as sentences of their own and ignores citation markers', () => {
    const body = [
      { type: 'h2', children: [{ text: 'What helps' }] },
      paragraph('Gentle movement helps most people [1].'),
      {
        type: 'ul',
        children: [
          { type: 'li', children: [{ text: 'Keep active' }] },
          { type: 'li', children: [{ text: 'Use heat ' }, { text: 'packs', bold: true }] },
        ],
      },
    ]
    expect(textBlocks(body)).toEqual([
      'What helps',
      'Gentle movement helps most people [1].',
      'Keep active',
      'Use heat packs',
    ])
    expect(countText(textBlocks(body)).sentence).toBe(4)
    expect(countText(textBlocks(body)).word).toBe(12)
  })

  it('has no figures without text', () => {
    expect(readabilityOf([])).toEqual({ fleschKincaidGrade: null, smog: null })
    expect(readabilityOf(null)).toEqual({ fleschKincaidGrade: null, smog: null })
  })
})

describe('publish warnings', () => {
  const candidate = (extra: Partial<PublishCandidate>): PublishCandidate => ({
    title: 'T',
    slug: 't',
    summary: 'S',
    body: [paragraph('We can help you. Rest a little.')],
    hasAuthor: true,
    hasMedicalReviewer: true,
    hasDisclaimer: true,
    sources: [],
    heroImage: null,
    ...extra,
  })
  const now = new Date('2026-06-01T00:00:00Z')
  const settings = { now, sourceMaxAgeYears: 10, readabilityTargetGrade: 8 }

  it('warns of a source older than SOURCE_MAX_AGE_YEARS, naming it', () => {
    const warnings = publishWarnings({
      ...settings,
      article: candidate({
        sources: [
          { title: 'Recent', year: 2020 },
          { title: 'Old trial', year: 2012 },
        ],
      }),
    })
    expect(warnings).toEqual([
      {
        rule: 'sourceAge',
        severity: 'warning',
        message: expect.stringContaining('Source [2] "Old trial" (2012)'),
      },
    ])
  })

  it('warns when the body reads above READABILITY_TARGET_GRADE', () => {
    const hard = candidate({
      body: [
        paragraph(
          'The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.',
        ),
      ],
    })
    expect(publishWarnings({ ...settings, article: hard }).map((w) => w.rule)).toEqual([
      'readability',
    ])
    expect(publishWarnings({ ...settings, readabilityTargetGrade: 14, article: hard })).toEqual([])
    expect(publishWarnings({ ...settings, article: candidate({}) })).toEqual([])
  })
})
