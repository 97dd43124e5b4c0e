import { parse } from 'node:querystring'

import { describe, expect, it } from '@jest/globals'

import { maxLimitFor, queryBoundsProblem, rawQueryBoundsProblem } from '@/validation/queryBounds'

const idsUpTo = (count: number) => Array.from({ length: count }, (_, i) => i + 1)

/** A query string as Express 5 hands it on: its "simple" parser is node:querystring, flat keys. */
const expressQuery = (search: string) => parse(search) as Record<string, unknown>

/** `where[id][in][0]=1&…`, as qs (the admin's relationship field) encodes a list. */
const indexedIds = (count: number, prefix = 'where') =>
  idsUpTo(count)
    .map((id, i) => `${encodeURIComponent(`${prefix}[id][in][${i}]`)}=${id}`)
    .join('&')

describe('maxLimitFor', () => {
  it('allows 250 to a list that names at most 250 documents by id', () => {
    expect(maxLimitFor({ where: { id: { in: [3, 4] } } })).toBe(250)
    expect(maxLimitFor({ where: { id: { in: idsUpTo(250) } } })).toBe(250)
    expect(maxLimitFor({ where: { id: { in: '3,4' } } })).toBe(250)
    expect(maxLimitFor({ where: { id: { in: 3 } } })).toBe(250)
    expect(maxLimitFor({ where: { and: [{ id: { in: ['3', '4'] } }] } })).toBe(250)
  })

  it('counts the ids of a comma-separated list as Payload splits them', () => {
    expect(maxLimitFor({ where: { id: { in: idsUpTo(250).join(',') } } })).toBe(250)
    expect(maxLimitFor({ where: { id: { in: idsUpTo(251).join(',') } } })).toBe(100)
  })

  it('keeps every other list at 100', () => {
    for (const where of [
      undefined,
      null,
      {},
      { id: { in: idsUpTo(251) } },
      { id: { not_in: [3] } },
      { id: { equals: 3 } },
      { id: { in: [3], equals: 3 } },
      { id: { in: [3] }, name: { equals: 'a' } },
      { and: [{ id: { in: [3] } }, { name: { equals: 'a' } }] },
      { and: [{ and: [{ id: { in: [3] } }] }] },
      { and: { 0: { id: { in: [3] } } } },
      { or: [{ id: { in: [3] } }] },
      // qs makes an object of indices past 1,000; Payload then drops the condition.
      { id: { in: { 0: '3', 1001: '4' } } },
      { id: { in: null } },
      { id: [3] },
      [{ id: { in: [3] } }],
      'id',
    ]) {
      expect(maxLimitFor({ where })).toBe(100)
    }
  })
})

describe('queryBoundsProblem with a where', () => {
  it('serves up to 250 documents asked for by id, and no more', () => {
    const where = { id: { in: idsUpTo(250) } }
    expect(queryBoundsProblem({ limit: 250, where })).toBeNull()
    expect(queryBoundsProblem({ limit: 251, where })).toMatch(/at most 250 documents by id/)
    expect(queryBoundsProblem({ limit: 0, where })).toMatch(/"limit"/)
    expect(queryBoundsProblem({ pagination: false, where })).toMatch(/paginated/)
  })

  it('refuses 250 to other lists, saying what would be served', () => {
    expect(queryBoundsProblem({ limit: 250 })).toBe(
      '"limit" must be a whole number from 1 to 100, or up to 250 when asking for at most 250 documents by id (where[id][in]).',
    )
    expect(queryBoundsProblem({ limit: 250, where: { id: { in: idsUpTo(251) } } })).toMatch(
      /from 1 to 100/,
    )
    expect(queryBoundsProblem({ limit: 101, where: { title: { equals: 'a' } } })).toMatch(
      /from 1 to 100/,
    )
  })
})

describe('rawQueryBoundsProblem with a where', () => {
  it("serves the admin's related-document requests as Express parses them", () => {
    // elements/Table/RelationshipProvider: ids joined by commas, URLSearchParams-encoded.
    const cells = new URLSearchParams({ depth: '0', draft: 'true', limit: '250' })
    cells.append('where[id][in]', '3,4')
    expect(rawQueryBoundsProblem(expressQuery(`${cells.toString()}&`))).toBeNull()
    // fields/Relationship and fields/Upload, when their body is sent as a query string.
    expect(rawQueryBoundsProblem(expressQuery(`limit=250&${indexedIds(250)}`))).toBeNull()
    expect(
      rawQueryBoundsProblem(expressQuery(`limit=120&${indexedIds(120, 'where[and][0]')}`)),
    ).toBeNull()
    expect(
      rawQueryBoundsProblem(expressQuery('limit=250&where[id][in][]=3&where[id][in][]=4')),
    ).toBeNull()
    expect(
      rawQueryBoundsProblem(
        expressQuery(`limit=250&where=${encodeURIComponent('{"id":{"in":[3,4]}}')}`),
      ),
    ).toBeNull()
  })

  it('refuses 250 to other lists and to more than 250 ids', () => {
    for (const search of [
      'limit=250',
      `limit=250&where[id][in]=${idsUpTo(251).join(',')}`,
      `limit=250&${indexedIds(251)}`,
      'limit=250&where[id][in]=3&where[name][equals]=a',
      'limit=250&where[id][not_in]=3',
      'limit=250&where[or][0][id][in]=3',
      'limit=250&where[and][0][id][in]=3&where[and][1][id][in]=4',
      'limit=250&where[and][][id][in]=3',
      'limit=250&where[id][in][1001]=3',
      'limit=250&where[id][in][0][equals]=3',
      'limit=250&where=not-json',
      `limit=250&where=${encodeURIComponent('{"id":{"in":[3]},"name":{"equals":"a"}}')}`,
      'limit=251&where[id][in]=3',
    ]) {
      expect(rawQueryBoundsProblem(expressQuery(search))).toMatch(/from 1 to 100/)
    }
  })
})
