/**
 * `text` as a regular expression that matches it literally, in JavaScript's syntax and in the
 * PCRE MongoDB uses: every character with a meaning is escaped, and NUL is written as `\x00`
 * (MongoDB refuses a pattern holding the character itself).
 */
export const literalPattern = (text: string): string =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\0/g, '\\x00')
