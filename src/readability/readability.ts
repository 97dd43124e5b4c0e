/**
 * How hard an article's body is to read, for English text. Pure.
 *
 * - Flesch–Kincaid grade level (Kincaid, Fishburne, Rogers and Chissom, 1975, Research Branch
 *   Report 8-75): 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
 * - SMOG grade (McLaughlin, "SMOG Grading — a New Readability Formula", Journal of Reading, 1969):
 *   1.0430 × √(polysyllabic words × 30 / sentences) + 3.1291, a polysyllabic word having three
 *   syllables or more.
 *
 * Both formulas come from wooorm's `flesch-kincaid` and `smog-formula`, syllables from `syllable`;
 * what counts as a sentence and a word in a Slate body is decided here.
 */
import { fleschKincaid } from 'flesch-kincaid'
import { smogFormula } from 'smog-formula'
import { syllable } from 'syllable'

export type Readability = { fleschKincaidGrade: number | null; smog: number | null }

export type TextCounts = {
  sentence: number
  word: number
  syllable: number
  polysillabicWord: number
}

type SlateNode = { text?: unknown; children?: unknown; type?: unknown }

const MAX_DEPTH = 50

/**
 * The body as lines of text: each block that holds text (a paragraph, a heading, a list item) is a
 * line of its own, so a heading without a full stop does not run into the next sentence.
 */
export const textBlocks = (body: unknown): string[] => {
  const blocks: string[] = []
  const visit = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > MAX_DEPTH) {
      return
    }
    const children = (node as SlateNode).children
    if (!Array.isArray(children)) {
      return
    }
    const hasText = children.some(
      (child) => child && typeof child === 'object' && typeof child.text === 'string',
    )
    if (hasText) {
      const inline = (n: unknown): string => {
        const { text, children: nested } = (n ?? {}) as SlateNode
        return typeof text === 'string'
          ? text
          : Array.isArray(nested)
            ? nested.map(inline).join('')
            : ''
      }
      blocks.push(children.map(inline).join(''))
    } else {
      children.forEach((child) => visit(child, depth + 1))
    }
  }
  if (Array.isArray(body)) {
    body.forEach((node) => visit({ children: [node] }, 0))
  }
  return blocks.map((block) => block.trim()).filter(Boolean)
}

// Counting a word's syllables is the slow part (about 10 ms an article); an article repeats its
// words, and so do articles. Bounded: emptied when full.
const SYLLABLES_KEPT = 20_000
const knownSyllables = new Map<string, number>()

const syllablesOf = (word: string): number => {
  const known = knownSyllables.get(word)
  if (known !== undefined) {
    return known
  }
  if (knownSyllables.size >= SYLLABLES_KEPT) {
    knownSyllables.clear()
  }
  const counted = Math.max(1, syllable(word))
  knownSyllables.set(word, counted)
  return counted
}

// Citation markers such as [1] or [2, 3] are not words a reader reads.
const CITATION = /\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]/g
const WORD = /[\p{L}][\p{L}\p{M}'’-]*/gu
// A sentence ends at . ! or ? followed by a space or the end of the block.
const SENTENCE_END = /[.!?]+(?=\s|$)/

/** Sentences, words, syllables and polysyllabic words of plain text blocks. */
export const countText = (blocks: string[]): TextCounts => {
  const counts: TextCounts = { sentence: 0, word: 0, syllable: 0, polysillabicWord: 0 }
  for (const block of blocks) {
    for (const sentence of block.replace(CITATION, ' ').split(SENTENCE_END)) {
      const words = sentence.match(WORD) ?? []
      if (!words.length) {
        continue
      }
      counts.sentence += 1
      for (const word of words) {
        const syllables = syllablesOf(word)
        counts.word += 1
        counts.syllable += syllables
        if (syllables >= 3) {
          counts.polysillabicWord += 1
        }
      }
    }
  }
  return counts
}

const oneDecimal = (value: number): number | null =>
  Number.isFinite(value) ? Math.round(value * 10) / 10 : null

/** Both grades from counts, to one decimal; null when there is no text to measure. */
export const gradesOf = (counts: TextCounts): Readability =>
  counts.word === 0
    ? { fleschKincaidGrade: null, smog: null }
    : {
        fleschKincaidGrade: oneDecimal(fleschKincaid(counts)),
        smog: oneDecimal(smogFormula(counts)),
      }

/** The readability of plain text. */
export const readabilityOfText = (text: string): Readability =>
  gradesOf(countText(text.split(/\n+/)))

/** The readability of a Slate body, as stored on the article. */
export const readabilityOf = (body: unknown): Readability => gradesOf(countText(textBlocks(body)))
