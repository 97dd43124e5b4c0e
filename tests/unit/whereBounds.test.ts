import { describe, expect, it } from '@jest/globals'

import {
  isPollutingQueryKey,
  MAX_WHERE_CONDITIONS,
  MAX_WHERE_DEPTH,
  MAX_WHERE_VALUES,
  measureWhere,
} from '@/validation/whereBounds'

const equalsEach = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ title: { equals: `t${i}` } }))

/** `{ or: [{ or: [ … { title: { equals: 'x' } } ] }] }`, `levels` deep, built without recursion. */
const nested = (levels: number, key = 'or') => {
  let where: Record<string, unknown> = { title: { equals: 'x' } }
  for (let level = 0; level < levels; level += 1) {
    where = { [key]: [where] }
  }
  return where
}

/** A where parsed from JSON text, as Payload's `?where={…}` is: `__proto__` stays an own key. */
const parsed = (text: string): unknown => JSON.parse(text)

const problemOf = (where: unknown) => measureWhere({ where }).problem

describe('measureWhere', () => {
  it('accepts no query, an empty one, and counts one operator on one field as a condition', () => {
    expect(measureWhere({ where: undefined })).toEqual({
      spent: { conditions: 0, values: 0 },
      problem: null,
    })
    expect(problemOf({})).toBeNull()
    expect(
      measureWhere({ where: { title: { like: 'back' }, _status: { equals: 'published' } } }),
    ).toEqual({ spent: { conditions: 2, values: 0 }, problem: null })
    expect(
      measureWhere({ where: { title: { like: 'a', not_equals: 'b' } } }).spent.conditions,
    ).toBe(2)
  })

  it("accepts the admin's list filter, lists and GeoJSON values", () => {
    const admin = { or: [{ and: [{ title: { like: 'x' } }, { slug: { exists: true } }] }] }
    expect(measureWhere({ where: admin })).toEqual({
      spent: { conditions: 2, values: 0 },
      problem: null,
    })
    const lists = {
      id: { in: Array.from({ length: 500 }, (_, i) => i) },
      slug: { not_in: 'a,b,c' },
      location: {
        within: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        },
      },
    }
    // Every list item is a value: the ids, 'a,b,c', and the polygon's rings, points and numbers.
    expect(measureWhere({ where: lists })).toEqual({
      spent: { conditions: 3, values: 500 + 3 + 1 + 4 + 2 * 4 },
      problem: null,
    })
  })

  it(`accepts ${MAX_WHERE_CONDITIONS} conditions and refuses one more, however they are spread`, () => {
    expect(problemOf({ or: equalsEach(MAX_WHERE_CONDITIONS) })).toBeNull()
    expect(problemOf({ or: equalsEach(MAX_WHERE_CONDITIONS + 1) })).toMatch(
      /at most 100 conditions/,
    )
    const spread = {
      and: [{ or: equalsEach(60) }, { or: equalsEach(40) }, { title: { exists: true } }],
    }
    expect(problemOf(spread)).toMatch(/at most 100 conditions/)
    expect(problemOf({ or: equalsEach(1000) })).toMatch(/at most 100 conditions/)
  })

  it('counts on from what the request has spent, and counts lists sent as indexed objects', () => {
    const spent = { conditions: 90, values: 0 }
    expect(measureWhere({ where: { or: equalsEach(10) }, spent })).toEqual({
      spent: { conditions: 100, values: 0 },
      problem: null,
    })
    expect(measureWhere({ where: { or: equalsEach(11) }, spent }).problem).toMatch(
      /at most 100 conditions/,
    )
    const indexed = { or: Object.fromEntries(equalsEach(150).map((clause, i) => [i * 2, clause])) }
    expect(problemOf(indexed)).toMatch(/at most 100 conditions/)
    expect(problemOf({ or: Array.from({ length: 10_000 }, () => ({})) })).toMatch(
      /at most 100 conditions/,
    )
  })

  it(`accepts ${MAX_WHERE_VALUES} list values in all and refuses one more, as arrays or text`, () => {
    const ids = (count: number) => Array.from({ length: count }, (_, i) => i)
    expect(problemOf({ id: { in: ids(MAX_WHERE_VALUES) } })).toBeNull()
    expect(problemOf({ id: { in: ids(MAX_WHERE_VALUES + 1) } })).toMatch(/at most 1000 values/)
    expect(problemOf({ id: { in: ids(100_000).join(',') } })).toMatch(/at most 1000 values/)
    expect(
      problemOf({ or: [{ id: { in: ids(600) } }, { author: { not_in: ids(600).join(',') } }] }),
    ).toMatch(/at most 1000 values/)
    expect(
      measureWhere({ where: { id: { all: [1, 2] } }, spent: { conditions: 0, values: 999 } })
        .problem,
    ).toMatch(/at most 1000 values/)
  })

  it(`accepts and/or ${MAX_WHERE_DEPTH} levels deep, in any case, and refuses one more`, () => {
    expect(measureWhere({ where: nested(MAX_WHERE_DEPTH) })).toEqual({
      spent: { conditions: 1, values: 0 },
      problem: null,
    })
    expect(problemOf(nested(MAX_WHERE_DEPTH + 1))).toMatch(/8 levels/)
    expect(problemOf(nested(MAX_WHERE_DEPTH + 1, 'AND'))).toMatch(/8 levels/)
  })

  it('refuses 10,000 levels of and/or, or of a value, without overflowing the stack', () => {
    expect(problemOf(nested(10_000))).toMatch(/8 levels/)
    let value: unknown = 'x'
    for (let level = 0; level < 10_000; level += 1) {
      value = { a: value }
    }
    expect(problemOf({ title: { equals: value } })).toMatch(/values may nest/)
    const text = `${'{"or":['.repeat(100_000)}{}${']}'.repeat(100_000)}`
    expect(problemOf(parsed(text))).toMatch(/8 levels/)
  })

  it('refuses __proto__, constructor and prototype anywhere in the query', () => {
    const polluted = [
      '{"__proto__":{"equals":"a"}}',
      '{"title":{"__proto__":"a"}}',
      '{"title":{"in":[{"__proto__":{"isAdmin":true}}]}}',
      '{"or":[{"constructor":{"prototype":{"isAdmin":true}}}]}',
      '{"author.constructor":{"equals":1}}',
      '{"and":[{"or":[{"title":{"equals":{"prototype":1}}}]}]}',
    ]
    for (const text of polluted) {
      expect(problemOf(parsed(text))).toMatch(/__proto__/)
    }
  })
})

describe('isPollutingQueryKey', () => {
  it('finds a prototype key in any bracket segment of a raw query-string key', () => {
    expect(isPollutingQueryKey('where[or][0][title][equals]')).toBe(false)
    expect(isPollutingQueryKey('limit')).toBe(false)
    expect(isPollutingQueryKey('__proto__[x]')).toBe(true)
    expect(isPollutingQueryKey('where[__proto__][title][equals]')).toBe(true)
    expect(isPollutingQueryKey('where[constructor][prototype][x]')).toBe(true)
  })
})
