/** Query values must be of their field's kind: dates, numbers and (on SQLite) ids. */
import { describe, expect, it } from '@jest/globals'

import { fieldLookup, whereValueProblem } from '@/validation/whereValues'
import type { QueriedField } from '@/validation/whereValues'

const TOPICS: QueriedField[] = [{ name: 'name', type: 'text' }]
const ARTICLES: QueriedField[] = [
  { name: 'title', type: 'text' },
  { name: 'publishedAt', type: 'date' },
  { name: 'topics', type: 'relationship', relationTo: 'topics' },
  { name: 'related', type: 'relationship', relationTo: ['articles', 'topics'] },
  { name: 'where', type: 'point' },
  {
    name: 'readability',
    type: 'group',
    fields: [{ name: 'smog', type: 'number' }],
  },
]

const lookup = fieldLookup({
  fields: ARTICLES,
  fieldsOf: (slug) => (slug === 'topics' ? TOPICS : null),
})

const problem = (where: unknown, idsAreNumbers = true) =>
  whereValueProblem({ where, lookup, idsAreNumbers })

describe('whereValueProblem', () => {
  it('accepts what each kind of field takes, however the list arrives', () => {
    for (const where of [
      { publishedAt: { greater_than: '2026-12-02' } },
      { publishedAt: { less_than: '2026-12-02T09:00:00+01:00', exists: 'true' } },
      { publishedAt: { equals: null } },
      { topics: { in: '1,2,3' } },
      { topics: { in: ['1', 2] } },
      { topics: { in: { 0: '1', 5: '2' } } },
      { id: { not_equals: '7' } },
      { 'readability.smog': { greater_than_equal: 8.5 } },
      { 'topics.name': { like: 'back' } },
      { title: { like: 'anything at all' } },
      { where: { near: '1,2,1000' } },
      { unknownField: { equals: 'left to Payload' } },
      { related: { equals: 'any shape for a polymorphic relationship' } },
      { or: [{ and: [{ publishedAt: { exists: false } }] }] },
    ]) {
      expect({ where, problem: problem(where) }).toEqual({ where, problem: null })
    }
  })

  it('names the first value that does not fit, deep in and/or', () => {
    expect(
      problem({
        or: [{ title: { equals: 'x' } }, { and: [{ publishedAt: { greater_than: 'soon' } }] }],
      }),
    ).toBe(
      'where[publishedAt][greater_than] must be a date such as "2026-12-02" or "2026-12-02T09:00:00Z"; it was "soon".',
    )
    expect(problem({ topics: { in: '1,abc' } })).toBe(
      'where[topics][in] must be a number (each of them); it was "abc".',
    )
    expect(problem({ 'readability.smog': { less_than: 'easy' } })).toMatch(/must be a number/)
    expect(problem({ id: { equals: 'DROP TABLE' } })).toMatch(
      /^where\[id\]\[equals\] must be a number/,
    )
    expect(problem({ title: { within: '{}' } })).toMatch(/"within" works on a point/)
    expect(problem({ publishedAt: { exists: 'maybe' } })).toBe(
      'where[publishedAt][exists] must be true or false.',
    )
  })

  it('leaves ids alone when they are not numbers (MongoDB)', () => {
    expect(problem({ topics: { equals: '5f1d7f0b2c3a4b5c6d7e8f90' } }, false)).toBeNull()
    expect(problem({ publishedAt: { greater_than: 'soon' } }, false)).toMatch(/must be a date/)
  })

  it('reads version-history paths from the document fields', () => {
    expect(problem({ 'version.publishedAt': { less_than: 'later' } })).toMatch(/must be a date/)
  })
})
