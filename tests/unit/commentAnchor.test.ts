import { describe, expect, it } from '@jest/globals'

import { anchorQuote, isAnchorOf, locateAnchor, textBlocks } from '@/comments/anchor'

const p = (text: string) => ({ type: 'p', children: [{ text }] })
const body = [
  p('Back pain is common. Heat may help.'),
  { type: 'h2', children: [{ text: 'Treatment' }] },
  {
    type: 'ul',
    children: [
      {
        type: 'li',
        children: [
          { text: 'Rest ' },
          { type: 'link', url: 'https://x.org', children: [{ text: 'briefly' }] },
        ],
      },
      { type: 'li', children: [{ text: 'Heat may help.' }] },
    ],
  },
]

describe('text blocks', () => {
  it('are the paragraphs, headings and list items in reading order, links inside their block', () => {
    expect(textBlocks(body)).toEqual([
      { path: [0], text: 'Back pain is common. Heat may help.' },
      { path: [1], text: 'Treatment' },
      { path: [2, 0], text: 'Rest briefly' },
      { path: [2, 1], text: 'Heat may help.' },
    ])
  })

  it('ignore what is not Slate', () => {
    expect(textBlocks(null)).toEqual([])
    expect(textBlocks([1, 'x', { children: 'no' }])).toEqual([])
  })
})

describe('anchoring a quote', () => {
  it('takes the first occurrence, across an inline link, with blanks as people select them', () => {
    expect(anchorQuote(body, 'Heat may help.')).toEqual({ blockPath: [0], start: 21, end: 35 })
    expect(anchorQuote(body, '  Rest\n briefly ')).toEqual({ blockPath: [2, 0], start: 0, end: 12 })
  })

  it('finds nothing for text that is not there, or an empty quote', () => {
    expect(anchorQuote(body, 'Surgery always')).toBeNull()
    expect(anchorQuote(body, '   ')).toBeNull()
  })

  it('accepts a selection only where the quote really is', () => {
    expect(isAnchorOf(body, { blockPath: [2, 1], start: 0, end: 14 }, 'Heat may help.')).toBe(true)
    expect(isAnchorOf(body, { blockPath: [2, 1], start: 1, end: 14 }, 'Heat may help.')).toBe(false)
    expect(isAnchorOf(body, { blockPath: [9], start: 0, end: 14 }, 'Heat may help.')).toBe(false)
  })
})

describe('finding the passage again', () => {
  const second = { blockPath: [2, 1], start: 0, end: 14 }

  it('is exact when the text there is unchanged, even after edits elsewhere', () => {
    const edited = [p('Back pain is very common.'), ...body.slice(1)]
    expect(locateAnchor(edited, { anchor: second, quote: 'Heat may help.' })).toEqual({
      state: 'exact',
      ...second,
    })
  })

  it('moves to the nearest occurrence of the quote when the text moved', () => {
    const shifted = [p('New first paragraph.'), ...body]
    // Both [1] and [3, 1] hold the quote; [3, 1] is where the commented one went.
    expect(locateAnchor(shifted, { anchor: second, quote: 'Heat may help.' })).toEqual({
      state: 'moved',
      blockPath: [3, 1],
      start: 0,
      end: 14,
    })
  })

  it('is outdated, not lost, when the passage was removed or reworded', () => {
    const reworded = [p('Back pain is common.'), body[1], { type: 'ul', children: [] }]
    expect(locateAnchor(reworded, { anchor: second, quote: 'Heat may help.' })).toEqual({
      state: 'outdated',
      blockPath: null,
      start: null,
      end: null,
    })
  })
})
