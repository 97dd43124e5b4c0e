import fs from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import { signWebhook } from '@/webhooks/webhooks'
import { createApiCache } from '../../examples/site/apiCache'
import { declaredInterests, withHonorific } from '../../examples/site/format'
import { html, jsonInScript, safeUrl } from '../../examples/site/html'
import { isValidSignature } from '../../examples/site/webhook'

describe('the reference site: people and markup', () => {
  it('puts the honorific before a name once, whether or not the API already did', () => {
    expect(withHonorific({ name: 'Dr Gina Arena', honorific: 'Dr' })).toBe('Dr Gina Arena')
    expect(withHonorific({ name: 'Gina Arena', honorific: 'Dr' })).toBe('Dr Gina Arena')
    expect(withHonorific({ name: 'Dr. Gina Arena', honorific: 'Dr' })).toBe('Dr. Gina Arena')
    expect(withHonorific({ name: 'dr gina arena', honorific: 'Dr.' })).toBe('dr gina arena')
    expect(withHonorific({ name: 'Drew Carey', honorific: 'Dr' })).toBe('Dr Drew Carey')
    expect(withHonorific({ name: 'Gina Arena', honorific: null })).toBe('Gina Arena')
    expect(withHonorific({ name: 'Gina Arena', honorific: ' ' })).toBe('Gina Arena')
  })

  it('says what a person declared, and "not declared yet" rather than "none" for nothing', () => {
    expect(declaredInterests(null)).toEqual({ summary: 'Not declared yet.', interests: [] })
    expect(
      declaredInterests({
        status: 'none-declared',
        statements: [],
        declaredAt: '2026-03-01T12:00:00.000Z',
      }),
    ).toEqual({ summary: 'None declared (1 March 2026).', interests: [] })
    expect(
      declaredInterests({
        status: 'declared',
        statements: ['Paid speaker for a physiotherapy device maker (2025).'],
        declaredAt: '2026-03-01T12:00:00.000Z',
      }),
    ).toEqual({
      summary: 'Declared on 1 March 2026:',
      interests: ['Paid speaker for a physiotherapy device maker (2025).'],
    })
  })

  it('escapes what it interpolates, and keeps JSON-LD from closing its script', () => {
    const title = '</script><script>alert(1)</script>'
    expect(html`<h1 title="${'"x"'}">${title}</h1>`.value).toBe(
      '<h1 title="&quot;x&quot;">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>',
    )
    const script = jsonInScript({ headline: title, note: 'a & b <!--' }).value
    expect(script).not.toMatch(/<|>/)
    expect(JSON.parse(script)).toEqual({ headline: title, note: 'a & b <!--' })
    expect(safeUrl('javascript:alert(1)')).toBeNull()
    expect(safeUrl('https://doi.org/10.1/x')).toBe('https://doi.org/10.1/x')
  })
})

describe('the reference site: webhook signatures', () => {
  const body = JSON.stringify({ event: 'article.archived', article: { id: 1, slug: 'a' } })
  const secret = 'a-shared-secret'

  it('accepts what the CMS signs, and nothing else', () => {
    const signature = signWebhook({ body, secret })
    expect(isValidSignature({ body: Buffer.from(body), signature, secret })).toBe(true)
    expect(isValidSignature({ body: Buffer.from(body + ' '), signature, secret })).toBe(false)
    expect(isValidSignature({ body: Buffer.from(body), signature, secret: 'other' })).toBe(false)
    expect(
      isValidSignature({ body: Buffer.from(body), signature: signature.slice(7), secret }),
    ).toBe(false)
    expect(isValidSignature({ body: Buffer.from(body), signature: `${signature}00`, secret })).toBe(
      false,
    )
    expect(isValidSignature({ body: Buffer.from(body), signature: undefined, secret })).toBe(false)
  })
})

describe('the reference site: its cache of API answers', () => {
  const URL = 'http://cms.example/content/v1/articles/a'

  const fakeApi = () => {
    const seen: { ifNoneMatch: string | null }[] = []
    let body = '{"title":"A"}'
    let isDown = false
    const api = {
      seen,
      change: (next: string) => {
        body = next
      },
      goDown: () => {
        isDown = true
      },
      fetch: async (request: Request) => {
        if (isDown) {
          throw new TypeError('fetch failed')
        }
        const ifNoneMatch = request.headers.get('if-none-match')
        seen.push({ ifNoneMatch })
        const etag = `"${Buffer.from(body).toString('base64url')}"`
        const headers = { etag, 'cache-control': 'public, max-age=60, s-maxage=300' }
        return ifNoneMatch === etag
          ? new Response(null, { status: 304, headers })
          : new Response(body, { status: 200, headers })
      },
    }
    return api
  }

  it('serves from memory for max-age, then revalidates with If-None-Match and uses the 304', async () => {
    const api = fakeApi()
    let now = 0
    const cache = createApiCache({ fetch: api.fetch, now: () => now })
    const read = async () => (await cache.fetch(new Request(URL))).text()

    expect(await read()).toBe('{"title":"A"}')
    now = 59_000
    expect(await read()).toBe('{"title":"A"}')
    expect(api.seen).toHaveLength(1)

    now = 61_000
    expect(await read()).toBe('{"title":"A"}')
    expect(api.seen).toHaveLength(2)
    expect(api.seen[1]?.ifNoneMatch).toMatch(/^"/)
    expect(cache.counts).toMatchObject({ miss: 1, hit: 1, revalidated: 1 })

    api.change('{"title":"B"}')
    expect(await read()).toBe('{"title":"A"}')
    cache.clear()
    expect(await read()).toBe('{"title":"B"}')
  })

  it('keeps serving the last good answer when the API cannot be reached', async () => {
    const api = fakeApi()
    let now = 0
    const cache = createApiCache({ fetch: api.fetch, now: () => now })
    await cache.fetch(new Request(URL))
    api.goDown()
    now = 120_000
    const res = await cache.fetch(new Request(URL))
    expect(res.status).toBe(200)
    expect(res.headers.get('x-site-cache')).toBe('stale')
    cache.clear()
    await expect(cache.fetch(new Request(URL))).rejects.toThrow('fetch failed')
  })
})

describe('the reference site stands alone', () => {
  const ALLOWED_PACKAGES = ['express', 'helmet', 'lru-cache', 'openapi-fetch']

  const files = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((entry) =>
        entry.isDirectory()
          ? files(path.join(dir, entry.name))
          : /\.tsx?$/.test(entry.name)
            ? [path.join(dir, entry.name)]
            : [],
      )

  it('imports only its own files, the client, Node and a few packages: never the CMS', () => {
    const examples = path.resolve('examples')
    const outside: string[] = []
    for (const file of files(examples)) {
      const source = fs.readFileSync(file, 'utf8')
      for (const [, specifier = ''] of source.matchAll(/from '([^']+)'/g)) {
        const isInside =
          specifier.startsWith('.') &&
          path.resolve(path.dirname(file), specifier).startsWith(examples + path.sep)
        if (!isInside && !specifier.startsWith('node:') && !ALLOWED_PACKAGES.includes(specifier)) {
          outside.push(`${path.relative(examples, file)}: ${specifier}`)
        }
      }
    }
    expect(outside).toEqual([])
  })
})
