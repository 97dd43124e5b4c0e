/**
 * Rich-text links through Payload's REST door, as a writer would send them: every link address is
 * checked whatever its type, unknown attributes are refused, and a refusal changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import request from 'supertest'

import type { Article } from '@payload-types'
import { slateToHtml } from '@/richText/slateToHtml'
import { dumpDatabase } from '../helpers/dumpDatabase'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'rich-text-links-password'

let t: TestPayload
let seedId = 0
let draftId = 0
const tokens: Record<'writer' | 'reviewer' | 'editor', string> = {
  writer: '',
  reviewer: '',
  editor: '',
}

const paragraphWith = (link: Record<string, unknown>) => [
  { children: [{ text: 'Read ' }, { type: 'link', children: [{ text: 'x' }], ...link }] },
]

const BAD_LINKS: [string, Record<string, unknown>][] = [
  ['an internal link to javascript:', { linkType: 'internal', url: 'javascript:alert(1)' }],
  [
    'an internal link with a document and a javascript: url',
    { linkType: 'internal', url: 'javascript:alert(1)', doc: { relationTo: 'articles', value: 1 } },
  ],
  ['a backslash path to another host', { url: '/\\evil.example' }],
  ['a path with a tab before a second slash', { url: '/\t/evil' }],
  ['a link with onclick', { url: '/articles/x', onclick: 'alert(1)' }],
  [
    'an internal link to an account',
    { linkType: 'internal', doc: { relationTo: 'users', value: 1 } },
  ],
]

const send = (method: 'POST' | 'PATCH', body: unknown) =>
  t.rest(method === 'POST' ? '/articles' : `/articles/${draftId}`, {
    method,
    token: tokens.writer,
    json: { title: 'Links', body },
  })

beforeAll(async () => {
  t = await startTestPayload()
  seedId = await t.seedDemo(PASSWORD)
  for (const role of ['writer', 'reviewer', 'editor'] as const) {
    tokens[role] = await t.logIn(`${role}@example.com`, PASSWORD)
  }
  const created = await t.rest('/articles', {
    method: 'POST',
    token: tokens.writer,
    json: { title: 'A draft with links', body: paragraphWith({ url: '/articles/first' }) },
  })
  expect(created.status).toBe(201)
  draftId = ((await created.json()) as { doc: Article }).doc.id
}, 60_000)

afterAll(async () => {
  await t?.close()
})

describe('unsafe links are a 400 and store nothing', () => {
  it.each(
    BAD_LINKS.flatMap(([name, link]) => [
      ['POST', name, link] as const,
      ['PATCH', name, link] as const,
    ]),
  )('%s %s', async (method, _name, link) => {
    const before = await dumpDatabase(t.payload)
    const res = await send(method, paragraphWith(link))
    expect(res.status).toBe(400)
    expect(JSON.stringify(await res.json())).toMatch(/link|Link/)
    expect(await dumpDatabase(t.payload)).toBe(before)
  })

  it('names the unknown key it refuses', async () => {
    const res = await send('PATCH', paragraphWith({ url: '/a', onclick: 'alert(1)' }))
    expect(JSON.stringify(await res.json())).toContain('cannot carry \\"onclick\\"')
  })
})

describe('the links an article needs still work', () => {
  it('the seed article was imported and is live', async () => {
    const seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
    expect(seed._status).toBe('published')
    const res = await request(t.app()).get(`/content/v1/articles/${seed.slug}`)
    expect(res.status).toBe(200)
  })

  it('accepts https, a path on this site and an internal link, and publishes them', async () => {
    const body = [
      ...paragraphWith({ linkType: 'custom', url: 'https://www.aihw.gov.au/', newTab: true }),
      ...paragraphWith({ url: '/articles/causes-of-lower-back-spasms#sources' }),
      ...paragraphWith({
        linkType: 'internal',
        doc: { relationTo: 'articles', value: seedId },
        newTab: false,
      }),
    ]
    const patched = await send('PATCH', body)
    expect(patched.status).toBe(200)
    const article = await t.publishLikeSeed({ title: 'Linked article', tokens, extra: { body } })
    const res = await request(t.app()).get(`/content/v1/articles/${article.slug}`)
    expect(res.status).toBe(200)
    expect(res.body.html).toContain('<a href="https://www.aihw.gov.au/" rel="noopener noreferrer">')
    expect(res.body.html).toContain(
      '<a href="/articles/causes-of-lower-back-spasms#sources" rel="noopener noreferrer">',
    )
  })
})

describe('a body stored before the check', () => {
  it('never renders an unsafe href', () => {
    const stored = [
      ...paragraphWith({ linkType: 'internal', url: 'javascript:alert(1)' }),
      ...paragraphWith({ url: '/\\evil.example' }),
      ...paragraphWith({ url: '/\t/evil' }),
      ...paragraphWith({ url: 'java\tscript:alert(1)' }),
      ...paragraphWith({ url: '/a', onclick: 'alert(1)' }),
    ]
    const html = slateToHtml({ body: stored, sourceCount: 0 })
    expect(html).not.toMatch(/javascript|evil|onclick/i)
    expect(html.match(/href="([^"]*)"/g)).toEqual(['href="/a"'])
  })
})
