import { describe, expect, it } from '@jest/globals'

import { literalPattern } from '@/shared/literalPattern'

// What a reader may type into the public search, each a word the pattern must match as typed.
const WORDS = [
  'c++',
  'a.b',
  '(x)',
  '[1]',
  'what?',
  '$5',
  '^top',
  'a|b',
  'a\\b',
  '{2}',
  '50%',
  'a\0b',
]

describe('literalPattern', () => {
  it.each(WORDS)(
    'matches %j literally, case ignored, and nothing its characters would mean',
    (word) => {
      const pattern = new RegExp(literalPattern(word), 'i')
      expect(pattern.test(`Before ${word.toUpperCase()} after`)).toBe(true)
      // Each character with a meaning stands for itself only: drop or change it and there is no match.
      expect(pattern.test(word.replace(/[^a-z0-9]/gi, ''))).toBe(
        word.replace(/[^a-z0-9]/gi, '') === word,
      )
      expect(pattern.test(word.replace(/[^a-z0-9]/gi, 'z'))).toBe(false)
    },
  )

  it('writes NUL as an escape: MongoDB refuses a pattern holding the character itself', () => {
    expect(literalPattern('a\0b')).toBe('a\\x00b')
    expect(literalPattern('a\0b')).not.toContain('\0')
  })
})
