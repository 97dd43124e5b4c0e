import { describe, expect, it } from '@jest/globals'

import { safeHref, slateToHtml } from '@/richText/slateToHtml'
import { richTextProblems } from '@/validation/richText'

const ACCEPTED = [
  'https://www.aihw.gov.au/reports/back-problems',
  'http://example.org',
  'HTTPS://EXAMPLE.ORG/Back-Pain',
  'mailto:editor@example.com',
  'MAILTO:editor@example.com?subject=Back pain',
  '/articles/causes-of-lower-back-spasms#sources',
  '/',
  '/search?q=back%20pain',
  // Escaped, so a browser asks this site for the page `/%09/evil`.
  '/%09/evil',
  '/%5Cevil.example',
  '#sources',
]

const REFUSED = [
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  ' JAVASCRIPT:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'javascript\u0000:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'about:blank',
  '//evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r/evil.example',
  '/\u000b/evil.example',
  '/\u00a0/evil.example',
  '/\u2028/evil.example',
  '/\u200b/evil.example',
  ' /articles/x',
  '/articles/x ',
  'http:evil.example',
  'https:evil.example',
  'https:/evil.example',
  'https:\\\\evil.example',
  'https://\\evil.example',
  'https://',
  'https://exa mple.org',
  'mailto:',
  'articles/relative',
  '?q=1',
  '#sources\u0000',
  '#a\tb',
]

const LINK_TYPES = [
  { name: 'no linkType', extra: {} },
  { name: 'linkType "custom"', extra: { linkType: 'custom' } },
  {
    name: 'linkType "internal"',
    extra: { linkType: 'internal', doc: { relationTo: 'articles', value: 1 } },
  },
]

const linkBody = (link: Record<string, unknown>) => [
  { children: [{ text: 'See ' }, { type: 'link', children: [{ text: 'here' }], ...link }] },
]

describe('link addresses, for every link type', () => {
  describe.each(LINK_TYPES)('$name', ({ extra }) => {
    it.each(ACCEPTED)('accepts %j', (url) => {
      expect(richTextProblems({ value: linkBody({ ...extra, url }) })).toEqual([])
      expect(safeHref(url)).toBe(url)
    })

    it.each(REFUSED)('refuses %j', (url) => {
      const problems = richTextProblems({ value: linkBody({ ...extra, url }) })
      expect(problems).toEqual([expect.stringContaining('is not allowed')])
      expect(safeHref(url)).toBeNull()
    })

    it('refuses an address that is not text', () => {
      for (const url of [42, {}, ['https://example.org'], true]) {
        expect(richTextProblems({ value: linkBody({ ...extra, url }) })).toEqual([
          expect.stringMatching(/needs a url/),
        ])
      }
    })
  })

  it('lets only an internal link go without an address: it goes to its document', () => {
    const internal = { linkType: 'internal', doc: { relationTo: 'articles', value: 1 } }
    expect(richTextProblems({ value: linkBody(internal) })).toEqual([])
    expect(richTextProblems({ value: linkBody({ ...internal, url: '' }) })).toEqual([])
    expect(richTextProblems({ value: linkBody({ ...internal, url: null }) })).toEqual([])
    expect(richTextProblems({ value: linkBody({}) })).toHaveLength(1)
    expect(richTextProblems({ value: linkBody({ linkType: 'custom', url: '' }) })).toHaveLength(1)
    expect(safeHref('')).toBeNull()
  })

  it('renders the same decision: no unsafe href ever reaches the HTML', () => {
    for (const url of REFUSED) {
      const html = slateToHtml({ body: linkBody({ linkType: 'internal', url }), sourceCount: 0 })
      expect(html).toBe('<p>See here</p>')
    }
    for (const url of ['https://example.org/a', '/articles/x']) {
      expect(slateToHtml({ body: linkBody({ url }), sourceCount: 0 })).toBe(
        `<p>See <a href="${url}" rel="noopener noreferrer">here</a></p>`,
      )
    }
  })
})

describe('what the admin link editor stores', () => {
  it('accepts custom and internal links as Payload writes them', () => {
    expect(
      richTextProblems({
        value: linkBody({
          linkType: 'custom',
          url: 'https://www.aihw.gov.au/',
          newTab: true,
          fields: {},
        }),
      }),
    ).toEqual([])
    for (const doc of [
      { relationTo: 'articles', value: 3 },
      { relationTo: 'topics', value: '6650f1c2a1b2c3d4e5f60718' },
      { relationTo: 'articles', value: { id: 3, title: 'Populated by a read at depth 1' } },
    ]) {
      expect(
        richTextProblems({ value: linkBody({ linkType: 'internal', doc, newTab: false }) }),
      ).toEqual([])
    }
    // Switching a link from custom to internal leaves the old address behind.
    expect(
      richTextProblems({
        value: linkBody({
          linkType: 'internal',
          url: 'https://old.example.org/',
          doc: { relationTo: 'articles', value: 3 },
        }),
      }),
    ).toEqual([])
  })

  it('refuses internal links without a well-formed document to public content', () => {
    for (const doc of [
      undefined,
      null,
      3,
      { relationTo: 'articles' },
      { relationTo: 'articles', value: '' },
      { relationTo: 'articles', value: { title: 'no id' } },
      { relationTo: 'users', value: 1 },
      { relationTo: 'review-records', value: 1 },
      { relationTo: 'constructor', value: 1 },
      { relationTo: 'articles', value: 1, onclick: 'x' },
    ]) {
      expect(richTextProblems({ value: linkBody({ linkType: 'internal', doc }) })).toHaveLength(1)
    }
    // Payload populates a link's document whatever its type, so a left-over one is checked too.
    expect(
      richTextProblems({
        value: linkBody({ url: '/a', linkType: 'custom', doc: { relationTo: 'users', value: 1 } }),
      }),
    ).toEqual([expect.stringMatching(/Internal links may point at articles/)])
  })

  it('refuses unknown link types and malformed link options', () => {
    expect(richTextProblems({ value: linkBody({ url: '/a', linkType: 'script' }) })).toEqual([
      expect.stringMatching(/Link type "script"/),
    ])
    expect(richTextProblems({ value: linkBody({ url: '/a', newTab: 'yes' }) })).toEqual([
      expect.stringMatching(/newTab/),
    ])
    expect(richTextProblems({ value: linkBody({ url: '/a', fields: { rel: 'x' } }) })).toEqual([
      expect.stringMatching(/"fields" must be empty/),
    ])
  })
})

describe('unknown keys', () => {
  it.each([
    ['text', [{ children: [{ text: 'x', onclick: 'alert(1)' }] }], 'onclick'],
    ['text', [{ children: [{ text: 'x', style: 'color:red' }] }], 'style'],
    ['a paragraph', [{ children: [{ text: 'x' }], class: 'evil' }], 'class'],
    ['a heading', [{ type: 'h2', children: [{ text: 'x' }], id: 'top' }], 'id'],
    ['a heading', [{ type: 'h2', children: [{ text: 'x' }], url: '/a' }], 'url'],
    ['a link', linkBody({ url: '/a', onclick: 'alert(1)' }), 'onclick'],
    ['a link', linkBody({ url: '/a', href: 'javascript:alert(1)' }), 'href'],
    ['a link', linkBody({ url: '/a', target: '_top' }), 'target'],
  ])('refuses on %s, naming the key', (_where, value, key) => {
    const problems = richTextProblems({ value })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`cannot carry "${key}"`)
  })

  it('keeps the configured formatting on text, as booleans', () => {
    expect(
      richTextProblems({
        value: [{ children: [{ text: 'x', bold: true, italic: false, underline: true }] }],
      }),
    ).toEqual([])
    expect(richTextProblems({ value: [{ children: [{ text: 'x', bold: 'yes' }] }] })).toEqual([
      expect.stringMatching(/must be true or false/),
    ])
    expect(richTextProblems({ value: [{ children: [{ text: 'x', code: true }] }] })).toEqual([
      expect.stringContaining('cannot carry "code"'),
    ])
  })
})
