import { describe, expect, it } from '@jest/globals'

import { inputProblems, referencedIds } from '@/validation/inputShape'
import type { ShapeField } from '@/validation/inputShape'
import { queryBoundsProblem, rawQueryBoundsProblem } from '@/validation/queryBounds'
import { richTextProblems } from '@/validation/richText'

const FIELDS: ShapeField[] = [
  { name: 'title', type: 'text' },
  { name: 'year', type: 'number' },
  { name: 'isDefault', type: 'checkbox' },
  { name: 'body', type: 'richText' },
  { name: 'author', type: 'relationship', relationTo: 'authors' },
  { name: 'topics', type: 'relationship', relationTo: 'topics', hasMany: true },
  {
    name: 'keyMessages',
    type: 'array',
    flattenedFields: [{ name: 'message', type: 'textarea' }],
  },
]

describe('inputProblems', () => {
  it('accepts a well-formed document, document keys and nulls', () => {
    expect(
      inputProblems({
        fields: FIELDS,
        data: {
          id: 3,
          _status: 'draft',
          title: 'Back pain',
          year: 2022,
          isDefault: false,
          body: [{ children: [{ text: 'x' }] }],
          author: null,
          topics: [1, 2],
          keyMessages: [{ id: 'a1', message: 'Keep moving.' }],
        },
      }),
    ).toEqual([])
  })

  it('names unknown keys, at any depth, and wrongly typed values', () => {
    const problems = inputProblems({
      fields: FIELDS,
      data: {
        title: { $gt: '' },
        year: '2022',
        isDefault: 'yes',
        topics: 2,
        keyMessages: [{ message: 'ok', weight: 3 }],
        bogus: 1,
      },
    })
    expect(problems.map((problem) => problem.path).sort()).toEqual(
      ['title', 'year', 'isDefault', 'topics', 'keyMessages.0.weight', 'bogus'].sort(),
    )
  })

  it('sees a __proto__ key that JSON.parse made an own property', () => {
    const data: unknown = JSON.parse('{"title": "x", "__proto__": {"isAdmin": true}}')
    expect(inputProblems({ fields: FIELDS, data })).toEqual([
      { path: '__proto__', message: '"__proto__" is not a field here.' },
    ])
  })

  it('refuses null for a list of rows (the database adapter cannot write it)', () => {
    expect(inputProblems({ fields: FIELDS, data: { keyMessages: null } })[0]?.path).toBe(
      'keyMessages',
    )
    expect(inputProblems({ fields: FIELDS, data: { keyMessages: [], author: null } })).toEqual([])
  })

  it('refuses a document that is not an object', () => {
    for (const data of [null, [], 'x', 3]) {
      expect(inputProblems({ fields: FIELDS, data })).toHaveLength(1)
    }
  })

  it('accepts extra keys it is told about (a password on an account)', () => {
    const data = { title: 'x', password: 'a-long-password' }
    expect(inputProblems({ fields: FIELDS, data })).toHaveLength(1)
    expect(inputProblems({ fields: FIELDS, data, extraKeys: ['password'] })).toEqual([])
  })

  it('passes rich text to the rich text check', () => {
    const problems = inputProblems({
      fields: FIELDS,
      data: { body: [{ type: 'script', children: [] }] },
      richTextProblems: (value) => richTextProblems({ value }),
    })
    expect(problems[0]?.path).toBe('body')
    expect(problems[0]?.message).toMatch(/Unknown rich text element "script"/)
  })
})

describe('referencedIds', () => {
  it('lists every referenced document with the field it is in', () => {
    expect(
      referencedIds({ fields: FIELDS, data: { author: 4, topics: [1, 2], title: 'x' } }),
    ).toEqual([
      { path: 'author', collection: 'authors', id: 4 },
      { path: 'topics', collection: 'topics', id: 1 },
      { path: 'topics', collection: 'topics', id: 2 },
    ])
  })
})

describe('richTextProblems', () => {
  const deep = (depth: number) => {
    let node: Record<string, unknown> = { text: 'x' }
    for (let i = 0; i < depth; i += 1) {
      node = { type: 'ul', children: [node] }
    }
    return [node]
  }

  it('accepts what the editor makes', () => {
    expect(
      richTextProblems({
        value: [
          { type: 'h2', children: [{ text: 'Causes' }] },
          {
            children: [
              { text: 'See ', bold: true },
              { type: 'link', url: '/a', children: [] },
            ],
          },
          { type: 'ul', children: [{ type: 'li', children: [{ text: 'Rest' }] }] },
        ],
      }),
    ).toEqual([])
  })

  it('refuses unsafe links, scripts, unknown elements and prototype keys', () => {
    const link = (url: string) => [{ type: 'link', url, children: [{ text: 'x' }] }]
    expect(richTextProblems({ value: link('javascript:alert(1)') })).toHaveLength(1)
    expect(richTextProblems({ value: link(' JAVASCRIPT:alert(1)') })).toHaveLength(1)
    expect(richTextProblems({ value: link('data:text/html,x') })).toHaveLength(1)
    expect(richTextProblems({ value: link('https://example.org') })).toEqual([])
    expect(richTextProblems({ value: [{ children: [{ text: '<SCRIPT src=x>' }] }] })).toHaveLength(
      1,
    )
    expect(richTextProblems({ value: [{ type: 'iframe', children: [] }] })).toHaveLength(1)
    // Found by the fuzzer: a part with both text and children reached the database adapter.
    expect(richTextProblems({ value: [{ text: '', children: [null] }] })).toHaveLength(1)
    expect(
      richTextProblems({ value: JSON.parse('[{"children": [], "__proto__": {"x": 1}}]') }),
    ).toHaveLength(1)
  })

  it('stops at the depth limit without overflowing the stack, however deep', () => {
    expect(richTextProblems({ value: deep(31) })).toEqual([])
    expect(richTextProblems({ value: deep(100_000) })).toEqual([
      'Rich text nests more than 32 levels deep.',
    ])
  })

  it('stops at the node limit', () => {
    const wide = [{ children: Array.from({ length: 20_001 }, () => ({ text: 'x' })) }]
    expect(richTextProblems({ value: wide })).toEqual(['Rich text has more than 20000 parts.'])
  })
})

describe('queryBoundsProblem', () => {
  it('allows pages of 1 to 100', () => {
    expect(queryBoundsProblem({ limit: 1, page: 1 })).toBeNull()
    expect(queryBoundsProblem({ limit: 100, page: 100_000 })).toBeNull()
    expect(queryBoundsProblem({})).toBeNull()
  })

  it('refuses "everything" and pages that cannot exist', () => {
    for (const bounds of [
      { limit: 0 },
      { limit: 101 },
      { limit: -1 },
      { limit: 1.5 },
      { page: 0 },
      { page: -1 },
      { page: 100_001 },
      { pagination: false },
    ]) {
      expect(queryBoundsProblem(bounds)).toEqual(expect.any(String))
    }
  })

  it('reads query strings as sent', () => {
    expect(rawQueryBoundsProblem({ limit: '20', page: '3' })).toBeNull()
    expect(rawQueryBoundsProblem({ limit: 'abc' })).toMatch(/limit/)
    expect(rawQueryBoundsProblem({ limit: ['1', '2'] })).toMatch(/limit/)
    expect(rawQueryBoundsProblem({ pagination: 'false' })).toMatch(/paginated/)
  })
})
