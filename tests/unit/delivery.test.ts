import { brotliCompressSync, gzipSync } from 'node:zlib'

import { describe, expect, it } from '@jest/globals'

import { createPreviewToken, isValidPreviewToken } from '@/delivery/previewToken'
import { ResponseCache } from '@/delivery/responseCache'
import { formatCitation } from '@/delivery/serializers/citation'
import { textBlocks } from '@/comments/anchor'
import { slateToHtml, slateToText } from '@/richText/slateToHtml'
import { deliveryOptionsFromEnv } from '@/config/delivery'
import { packNow } from '@/shared/packed'

describe('slateToHtml', () => {
  it('renders headings, lists, links and emphasis', () => {
    const html = slateToHtml({
      sourceCount: 0,
      body: [
        { type: 'h2', children: [{ text: 'Symptoms' }] },
        { type: 'ul', children: [{ type: 'li', children: [{ text: 'Cramping', bold: true }] }] },
        {
          children: [
            { text: 'See ' },
            {
              type: 'link',
              url: 'https://www.aihw.gov.au/',
              children: [{ text: 'AIHW', italic: true }],
            },
          ],
        },
      ],
    })
    expect(html).toBe(
      '<h2>Symptoms</h2>\n<ul><li><strong>Cramping</strong></li></ul>\n<p>See <a href="https://www.aihw.gov.au/" rel="noopener noreferrer"><em>AIHW</em></a></p>',
    )
  })

  it('drops javascript: links and escapes a <script> typed into text', () => {
    const html = slateToHtml({
      sourceCount: 0,
      body: [
        {
          children: [
            { type: 'link', url: 'javascript:alert(1)', children: [{ text: 'click' }] },
            { type: 'link', url: ' JAVASCRIPT:alert(1)', children: [{ text: '!' }] },
            { type: 'link', url: 'data:text/html,<b>x</b>', children: [{ text: '?' }] },
            { text: '<script>alert("x")</script>' },
          ],
        },
      ],
    })
    expect(html).toBe('<p>click!?&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>')
    expect(html).not.toMatch(/<script|javascript:|href/i)
  })

  it('links citation markers to existing sources only', () => {
    const html = slateToHtml({
      sourceCount: 2,
      body: [{ children: [{ text: 'A.[1] B.[2] C.[3]' }] }],
    })
    expect(html).toBe(
      '<p>A.<a class="citation" href="#source-1">[1]</a> B.<a class="citation" href="#source-2">[2]</a> C.[3]</p>',
    )
  })

  it('marks text blocks with their path for the reading view only, as the comments count them', () => {
    const body = [
      { type: 'h2', children: [{ text: 'Symptoms' }] },
      {
        type: 'ul',
        children: [
          { type: 'li', children: [{ text: 'Cramping' }] },
          {
            type: 'li',
            children: [
              { text: 'See ' },
              { type: 'link', url: 'https://example.org/', children: [{ text: 'this' }] },
            ],
          },
        ],
      },
      { children: [{ text: 'Rest.[1]', bold: true }] },
    ]
    const marked = slateToHtml({ body, sourceCount: 1, withBlockPaths: true })
    expect(marked).toBe(
      '<h2 data-block-path="0">Symptoms</h2>\n' +
        '<ul><li data-block-path="1.0">Cramping</li>' +
        '<li data-block-path="1.1">See <a href="https://example.org/" rel="noopener noreferrer">this</a></li></ul>\n' +
        '<p data-block-path="2"><strong>Rest.<a class="citation" href="#source-1">[1]</a></strong></p>',
    )
    expect([...marked.matchAll(/data-block-path="([\d.]+)"/g)].map((m) => m[1])).toEqual(
      textBlocks(body).map((block) => block.path.join('.')),
    )
    // The delivery API's bytes stay as they were.
    expect(slateToHtml({ body, sourceCount: 1 })).toBe(
      marked.replace(/ data-block-path="[\d.]+"/g, ''),
    )
  })

  it('stops at an absurd nesting depth instead of overflowing the stack', () => {
    let node: Record<string, unknown> = { text: 'deep' }
    for (let i = 0; i < 10_000; i += 1) {
      node = { type: 'blockquote', children: [node] }
    }
    expect(() => slateToHtml({ body: [node], sourceCount: 0 })).not.toThrow()
    expect(slateToText([{ children: [{ text: 'Not advice.' }] }])).toBe('Not advice.')
  })
})

describe('formatCitation', () => {
  it('builds a readable reference from the source fields', () => {
    expect(
      formatCitation({
        authors: 'Hoy D, Bain C, Williams G',
        title: 'A systematic review of the global prevalence of low back pain',
        publisher: 'Arthritis & Rheumatism',
        year: 2012,
        doi: '10.1002/art.34347',
        pmid: '22231424',
      }),
    ).toBe(
      'Hoy D, Bain C, Williams G. A systematic review of the global prevalence of low back pain. Arthritis & Rheumatism; 2012. doi:10.1002/art.34347. PMID: 22231424.',
    )
    expect(
      formatCitation({
        title: 'Back problems',
        publisher: 'AIHW',
        url: 'https://www.aihw.gov.au/x',
      }),
    ).toBe('Back problems. AIHW. https://www.aihw.gov.au/x')
  })
})

describe('preview tokens', () => {
  const secret = 'preview-secret'
  it('accept the article they were made for, until they expire', () => {
    const now = Date.UTC(2026, 10, 24)
    const { token } = createPreviewToken({ id: 7, secret, ttlSeconds: 3600, now })
    expect(isValidPreviewToken({ id: '7', token, secret, now: now + 1000 })).toBe(true)
    expect(isValidPreviewToken({ id: '8', token, secret, now })).toBe(false)
    expect(isValidPreviewToken({ id: '7', token, secret: 'other', now })).toBe(false)
    expect(isValidPreviewToken({ id: '7', token, secret, now: now + 3601_000 })).toBe(false)
    expect(isValidPreviewToken({ id: '7', token: 'garbage', secret, now })).toBe(false)
  })
})

describe('ResponseCache', () => {
  /** A clock the test moves by hand, starting at a real date (lru-cache reads a start of 0 as none). */
  const testClock = () => {
    const clock = { at: Date.UTC(2026, 10, 24), now: () => clock.at }
    return clock
  }
  const answer = (json: unknown) => async () => ({ status: 200, json })

  it('renders once for concurrent misses, then serves the hit until the TTL or a clear', async () => {
    const clock = testClock()
    const cache = new ResponseCache({ ttlMs: 1000, maxBytes: 1024 * 1024, clock })
    let renders = 0
    const render = async () => {
      renders += 1
      return { status: 200, json: { n: renders } }
    }
    const [a, b] = await Promise.all([
      cache.get({ key: 'k', render }),
      cache.get({ key: 'k', render }),
    ])
    expect(renders).toBe(1)
    expect(a.etag).toBe(b.etag)
    clock.at += 999
    await cache.get({ key: 'k', render })
    expect(renders).toBe(1)
    clock.at += 2
    await cache.get({ key: 'k', render })
    expect(renders).toBe(2)
    cache.clear()
    await cache.get({ key: 'k', render })
    expect(renders).toBe(3)
  })

  it('keeps what fits in its byte bound, dropping the least recently used first', async () => {
    const body = 'x'.repeat(1000)
    const cache = new ResponseCache({ ttlMs: 60_000, maxBytes: 3000 })
    const render = async () => ({ status: 200, body, etag: '"e"' })
    await cache.get({ key: 'a', render })
    await cache.get({ key: 'b', render })
    await cache.get({ key: 'a', render })
    await cache.get({ key: 'c', render })
    expect(cache.stale('b')).toBeUndefined()
    expect(cache.stale('a')?.body.toString()).toBe(body)
    expect(cache.stale('c')?.etag).toBe('"e"')
    // Bigger than the whole bound: answered, not kept, and nothing else is dropped for it.
    const huge = await cache.get({ key: 'huge', render: answer('y'.repeat(5000)) })
    expect(huge.body.length).toBe(5002)
    expect(cache.stale('huge')).toBeUndefined()
    expect(cache.stale('a')).toBeDefined()
    expect(cache.stale('c')).toBeDefined()
  })

  it('keeps nothing when the TTL or the byte bound is 0', async () => {
    for (const options of [
      { ttlMs: 0, maxBytes: 1024 * 1024 },
      { ttlMs: 60_000, maxBytes: 0 },
    ]) {
      const cache = new ResponseCache(options)
      expect((await cache.get({ key: 'k', render: answer('x') })).body.toString()).toBe('"x"')
      expect(cache.stale('k')).toBeUndefined()
    }
  })

  it('keeps the last good answer past its TTL, for when the database fails', async () => {
    const clock = testClock()
    const cache = new ResponseCache({ ttlMs: 1000, maxBytes: 1024 * 1024, clock })
    const good = await cache.get({ key: 'k', render: answer('good') })
    clock.at += 60_000
    const failing = cache.get({
      key: 'k',
      render: async () => {
        throw new Error('database down')
      },
    })
    await expect(failing).rejects.toThrow('database down')
    expect(cache.stale('k')).toEqual(good)
    // Back up: the next request renders afresh and replaces it.
    expect((await cache.get({ key: 'k', render: answer('new') })).body.toString()).toBe('"new"')
  })

  it('serves a rendering no later than its expiresAt, even within the TTL', async () => {
    const clock = testClock()
    const cache = new ResponseCache({ ttlMs: 60_000, maxBytes: 1024 * 1024, clock })
    let renders = 0
    const render = async () => {
      renders += 1
      return { status: 200, json: renders, expiresAt: clock.at + 500 }
    }
    await cache.get({ key: 'k', render })
    clock.at += 499
    await cache.get({ key: 'k', render })
    expect(renders).toBe(1)
    clock.at += 2
    await cache.get({ key: 'k', render })
    expect(renders).toBe(2)
    // Already past when it was rendered: kept only as the stale answer.
    await cache.get({ key: 'past', render: async () => ({ status: 200, json: 1, expiresAt: 0 }) })
    expect(cache.stale('past')).toBeDefined()
    await cache.get({ key: 'past', render })
    expect(renders).toBe(3)
  })

  it('admits new URLs at a bounded rate, so a crawl cannot churn the whole cache', async () => {
    const clock = testClock()
    const cache = new ResponseCache({
      ttlMs: 60_000,
      maxBytes: 1024 * 1024,
      admissionsPerSecond: 3,
      clock,
    })
    // 'a' turns stale soon after, so it is rendered again while the budget is still spent.
    const soonStale = async () => ({ status: 200, json: 'x', expiresAt: clock.at + 10 })
    // Asking whether an answer would be kept takes nothing from the budget.
    for (let i = 0; i < 10; i += 1) {
      expect(cache.wouldKeep('a')).toBe(true)
    }
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      await cache.get({ key, render: key === 'a' ? soonStale : answer('x') })
    }
    // Three got in; the others were answered but not kept.
    expect(['a', 'b', 'c', 'd', 'e'].map((key) => Boolean(cache.stale(key)))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ])
    // A cached URL is refreshed whatever the budget; a new one waits for it.
    expect([cache.wouldKeep('a'), cache.wouldKeep('d')]).toEqual([true, false])
    clock.at += 20
    await cache.get({ key: 'a', render: answer('new') })
    expect(cache.stale('a')?.body.toString()).toBe('"new"')
    await cache.get({ key: 'd', render: answer('x') })
    expect(cache.stale('d')).toBeUndefined()
    // The budget refills with time: one URL a third of a second.
    clock.at += 334
    expect(cache.wouldKeep('d')).toBe(true)
    await cache.get({ key: 'd', render: answer('x') })
    expect(cache.stale('d')).toBeDefined()
  })

  it('does not keep an answer rendered before a content change cleared the cache', async () => {
    const cache = new ResponseCache({ ttlMs: 60_000, maxBytes: 1024 * 1024 })
    let finish: (value: { status: number; json: unknown }) => void = () => {}
    const slow = cache.get({
      key: 'k',
      render: () => new Promise((resolve) => (finish = resolve)),
    })
    cache.clear()
    finish({ status: 200, json: 'old' })
    expect((await slow).body.toString()).toBe('"old"')
    expect(cache.stale('k')).toBeUndefined()
    const fresh = await cache.get({ key: 'k', render: answer('new') })
    expect(fresh.body.toString()).toBe('"new"')
  })

  it('sends but never keeps an answer marked keep: false (a rendering sent while stale)', async () => {
    const cache = new ResponseCache({ ttlMs: 60_000, maxBytes: 1024 * 1024 })
    const stale = { status: 200, json: 'stale', keep: false as const }
    expect((await cache.get({ key: 'k', render: async () => stale })).body.toString()).toBe(
      '"stale"',
    )
    expect(cache.hit('k')).toBeUndefined()
    cache.keep({ key: 'k', rendered: stale, generation: cache.generationNow })
    expect(cache.stale('k')).toBeUndefined()
    const fresh = await cache.get({ key: 'k', render: answer('fresh') })
    expect(fresh.body.toString()).toBe('"fresh"')
    expect(cache.hit('k')?.body.toString()).toBe('"fresh"')
  })
})

describe('ResponseCache with renderings stored compressed only', () => {
  const testClock = () => {
    const clock = { at: Date.UTC(2026, 11, 5), now: () => clock.at }
    return clock
  }
  /** A rendering as the read model stores it once compressed: packed, and in each encoding. */
  const stored = (text: string, etag: string) => {
    const body = Buffer.from(JSON.stringify({ text }))
    return {
      status: 200,
      body: null,
      etag,
      lastModified: Date.UTC(2026, 11, 1),
      variants: {
        lz4: packNow(body),
        br: brotliCompressSync(body),
        gzip: gzipSync(body),
      },
    }
  }
  const advice = 'Ice for the first two days, then heat and gentle movement. '.repeat(300)

  it('counts an entry by the bytes it holds, unpacking its body each time it is read', () => {
    const rendered = stored(advice, '"a"')
    const held =
      rendered.variants.lz4.length + rendered.variants.br.length + rendered.variants.gzip.length
    const body = Buffer.from(JSON.stringify({ text: advice }))
    // Ten times what one entry holds, a third of one body: ten kept, counted by what they hold.
    const cache = new ResponseCache({ ttlMs: 60_000, maxBytes: held * 10 + 4000 })
    for (let i = 0; i < 10; i += 1) {
      cache.keep({ key: `/a/${i}`, rendered: stored(advice, `"a${i}"`), generation: 0 })
    }
    expect(body.length).toBeGreaterThan(held * 10 + 4000)
    for (let i = 0; i < 10; i += 1) {
      expect(cache.hit(`/a/${i}`)?.etag).toBe(`"a${i}"`)
    }
    const entry = cache.hit('/a/0')
    expect(entry?.length).toBe(body.length)
    expect(entry?.body.equals(body)).toBe(true)
    // Not kept beside the packed body: each read is a body of its own.
    expect(entry?.body).not.toBe(entry?.body)
  })

  it('keeps its entry, fresh again, when the same answer is read after the TTL', () => {
    const clock = testClock()
    const cache = new ResponseCache({ ttlMs: 1000, maxBytes: 1024 * 1024, clock })
    const kept = cache.keep({ key: '/a', rendered: stored(advice, '"a"'), generation: 0 })
    clock.at += 1500
    expect(cache.hit('/a')).toBeUndefined()
    // The same rendering read again: the entry cached is the one kept, counted from now.
    expect(cache.keep({ key: '/a', rendered: stored(advice, '"a"'), generation: 0 })).toBe(kept)
    expect(cache.hit('/a')).toBe(kept)
    clock.at += 999
    expect(cache.hit('/a')).toBe(kept)
    clock.at += 2
    // Another rendering replaces it.
    const changed = cache.keep({ key: '/a', rendered: stored('Rest.', '"b"'), generation: 0 })
    expect(changed).not.toBe(kept)
    expect(cache.hit('/a')?.etag).toBe('"b"')
    expect(JSON.parse(cache.hit('/a')?.body.toString() ?? '')).toEqual({ text: 'Rest.' })
  })
})

describe('deliveryOptionsFromEnv', () => {
  it('bounds the cache at 32 MB unless DELIVERY_CACHE_MAX_MB says otherwise, and says what is wrong', () => {
    expect(deliveryOptionsFromEnv({}).cacheMaxBytes).toBe(32 * 1024 * 1024)
    expect(deliveryOptionsFromEnv({ DELIVERY_CACHE_MAX_MB: '8' }).cacheMaxBytes).toBe(
      8 * 1024 * 1024,
    )
    expect(() => deliveryOptionsFromEnv({ DELIVERY_CACHE_MAX_MB: 'lots' })).toThrow(
      'DELIVERY_CACHE_MAX_MB must be a number of megabytes (0 or more); got "lots".',
    )
    expect(() => deliveryOptionsFromEnv({ DELIVERY_CACHE_TTL_SECONDS: '-1' })).toThrow(
      /DELIVERY_CACHE_TTL_SECONDS must be a number of seconds/,
    )
  })
})
