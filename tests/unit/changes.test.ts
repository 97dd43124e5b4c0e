import { describe, expect, it } from '@jest/globals'

import { slateToText } from '@/richText/slateToHtml'
import { seedArticle } from '@/seed/fixture'
import { blocksToSlate } from '@/seed/toSlate'
import { contentChanges } from '@/workflow/changes'
import type { ComparableContent } from '@/workflow/changes'

/** The seed article as a reviewer compares it. */
const seed = (): ComparableContent => ({
  title: seedArticle.title,
  summary: seedArticle.summary,
  body: slateToText(blocksToSlate(seedArticle.body)),
  keyMessages: [...seedArticle.keyMessages],
  sources: seedArticle.sources.map((source, i) => ({ id: String(i + 1), label: source.title })),
  topics: [{ id: '1', label: seedArticle.topic.name }],
  author: seedArticle.author.name,
  medicalReviewer: `Dr ${seedArticle.medicalReviewer.name}`,
  disclaimer: 'Content Disclaimer',
  heroImage: seedArticle.heroImageAlt,
})

describe('what changed since the last review, on the seed article', () => {
  it('is nothing when nothing changed', () => {
    expect(contentChanges({ before: seed(), after: seed() })).toEqual([])
  })

  it('shows a changed word in the body as exactly that word removed and its replacement added', () => {
    const before = seed()
    const word = 'spasms'
    expect(before.body).toContain(word)
    const after = { ...before, body: before.body.replace(word, 'cramps') }
    const [change] = contentChanges({ before, after })
    expect(change).toMatchObject({ field: 'body', label: 'Body', kind: 'text' })
    const parts = change?.kind === 'text' ? change.parts : []
    expect(parts.filter((part) => part.removed).map((part) => part.value)).toEqual([word])
    expect(parts.filter((part) => part.added).map((part) => part.value)).toEqual(['cramps'])
    // The rest of the text is kept, in order: joining the kept and added parts gives the new text.
    expect(
      parts
        .filter((part) => !part.removed)
        .map((part) => part.value)
        .join(''),
    ).toBe(after.body)
  })

  it('names an added source', () => {
    const before = seed()
    const after = {
      ...before,
      sources: [...before.sources, { id: '9', label: 'Heat therapy for low back pain' }],
    }
    expect(contentChanges({ before, after })).toEqual([
      {
        field: 'sources',
        label: 'Sources',
        kind: 'list',
        added: ['Heat therapy for low back pain'],
        removed: [],
        isReordered: false,
      },
    ])
  })

  it('notices reordered sources, which renumbers every [n] in the text', () => {
    const before = seed()
    const after = { ...before, sources: [...before.sources].reverse() }
    expect(contentChanges({ before, after })).toEqual([
      {
        field: 'sources',
        label: 'Sources',
        kind: 'list',
        added: [],
        removed: [],
        isReordered: true,
      },
    ])
  })

  it('names a new reviewer, and a new disclaimer, by name', () => {
    const before = seed()
    const after = { ...before, medicalReviewer: 'Dr Ada Lovelace', disclaimer: null }
    expect(contentChanges({ before, after })).toEqual([
      {
        field: 'medicalReviewer',
        label: 'Medical reviewer',
        kind: 'value',
        from: before.medicalReviewer,
        to: 'Dr Ada Lovelace',
      },
      {
        field: 'disclaimer',
        label: 'Disclaimer',
        kind: 'value',
        from: 'Content Disclaimer',
        to: null,
      },
    ])
  })
})
