/**
 * An article by slug is answered before Express's router when its stored rendering is current.
 * Asked the same things, the fast path and the router must answer the same status, headers and
 * bytes; and the fast path must really answer (not always hand over), count the rate limit, and
 * hand over whatever it does not answer exactly as the router would.
 */
import { createHash } from 'node:crypto'
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { MemoryStore } from 'express-rate-limit'

import type { Limits } from '@/config/limits'
import { limitsFromEnv } from '@/config/limits'
import { snapshotStore } from '@/db/readModelStore'
import { fastArticle } from '@/delivery/http/fastArticle'
import { compressLater } from '@/delivery/readModel/compressLater'
import { renderingKey } from '@/delivery/readModel/render'
import { ResponseCache } from '@/delivery/responseCache'
import { publicSite } from '@/config/publicSite'
import { createApp } from '@/server/app'
import { clientKeyOf } from '@/server/rateLimit'
import { jsonAnswerHeaders } from '@/server/securityHeaders'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'
import { deliveryApp } from '../helpers/deliveryApp'

const SLUG = 'causes-of-lower-back-spasms'
const ARTICLE = `/content/v1/articles/${SLUG}`
const CACHE_CONTROL = 'public, max-age=60'
const SITES = ['https://a.example', 'https://b.example']

let t: TestPayload
const servers: http.Server[] = []

type Raw = { status: number; headers: [string, string][]; body: Buffer }

/** Headers exactly as sent (names as written, in order), minus the ones Node adds per response. */
const send = (
  base: string,
  {
    method = 'GET',
    path = ARTICLE,
    headers = {},
  }: Partial<{ method: string; path: string }> & {
    headers?: Record<string, string>
  },
): Promise<Raw> =>
  new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const pairs: [string, string][] = []
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const name = res.rawHeaders[i] as string
          if (!['date', 'connection', 'keep-alive'].includes(name.toLowerCase())) {
            pairs.push([name, res.rawHeaders[i + 1] as string])
          }
        }
        resolve({ status: res.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks) })
      })
    })
    req.on('error', reject)
    req.end()
  })

/** The strong ETag the delivery API names a body by, computed here as a client could check it. */
const etagOf = (body: Buffer): string => `"${createHash('sha1').update(body).digest('base64url')}"`

/** GETs pipelined on one connection, read only once the server has had time to answer them all. */
const pipelined = (base: string, paths: string[]): Promise<{ status: number; body: Buffer }[]> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base)
    const socket = net.connect(Number(port), hostname)
    const chunks: Buffer[] = []
    socket.on('error', reject)
    socket.write(paths.map((path) => `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`).join(''))
    socket.pause()
    setTimeout(() => {
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk)
        const answers: { status: number; body: Buffer }[] = []
        let rest = Buffer.concat(chunks)
        for (;;) {
          const end = rest.indexOf('\r\n\r\n')
          if (end < 0) {
            break
          }
          const head = rest.subarray(0, end).toString('latin1')
          const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0)
          if (rest.length < end + 4 + length) {
            break
          }
          answers.push({
            status: Number(head.split(' ')[1]),
            body: Buffer.from(rest.subarray(end + 4, end + 4 + length)),
          })
          rest = rest.subarray(end + 4 + length)
        }
        if (answers.length === paths.length) {
          socket.destroy()
          resolve(answers)
        }
      })
      socket.resume()
    }, 300)
  })

const listen = async (app: http.RequestListener): Promise<string> => {
  const server = http.createServer(app).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  servers.push(server)
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const apps = async ({
  corsOrigins,
  limits = limitsFromEnv(),
  cacheTtlMs = 5000,
}: {
  corsOrigins: '*' | string[]
  limits?: Limits
  /** 0: no memory cache, so every answer reads the database. */
  cacheTtlMs?: number
}) => {
  const make = (fastArticles: boolean) =>
    deliveryApp({
      payload: t.payload,
      delivery: { cacheControl: CACHE_CONTROL, cacheTtlMs, corsOrigins, previewTtlSeconds: 60 },
      limits,
      fastArticles,
    })
  return { fast: await listen(make(true)), router: await listen(make(false)) }
}

beforeAll(async () => {
  t = await startTestPayload()
  await t.seedDemo('fast-article-password')
  // Stored with its compressed bodies: the fast path sends only bytes it has.
  await compressLater(t.payload).idle()
})

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
  await t?.close()
})

describe('the fast path answers as the router does', () => {
  it('sends a rendering kept compressed only as the bytes its ETag names, in every encoding', async () => {
    const stored = await snapshotStore(t.payload).findBySlug(SLUG)
    // Compressed only: the identity body is unpacked for each request for it.
    expect(stored?.body).toBeNull()
    const { fast, router } = await apps({ corsOrigins: '*' })
    // With no cache to keep the answer, the fast path reads only the body it sends.
    const { fast: uncached } = await apps({ corsOrigins: '*', cacheTtlMs: 0 })
    for (const base of [fast, router, uncached]) {
      const identity = await send(base, {})
      const header = (name: string) =>
        identity.headers.find(([key]) => key.toLowerCase() === name)?.[1]
      expect(identity.status).toBe(200)
      expect(header('content-encoding')).toBeUndefined()
      expect(header('etag')).toBe(stored?.etag)
      expect(etagOf(identity.body)).toBe(stored?.etag)
      expect(header('content-length')).toBe(String(identity.body.length))
      expect(JSON.parse(identity.body.toString()).slug).toBe(SLUG)
      const br = await send(base, { headers: { 'Accept-Encoding': 'br' } })
      expect(zlib.brotliDecompressSync(br.body).equals(identity.body)).toBe(true)
      const gzip = await send(base, { headers: { 'Accept-Encoding': 'gzip' } })
      expect(zlib.gunzipSync(gzip.body).equals(identity.body)).toBe(true)
    }
  })

  it('for every encoding, condition, origin and method, with a list of sites or any', async () => {
    const stored = await snapshotStore(t.payload).findBySlug(SLUG)
    const etag = stored?.etag as string
    const brEtag = `${etag.slice(0, -1)}-br"`
    const lastModified = new Date(stored?.renderedAt as string).toUTCString()
    const later = new Date(Date.parse(lastModified) + 60_000).toUTCString()
    const earlier = new Date(Date.parse(lastModified) - 60_000).toUTCString()
    type Headers = Record<string, string>
    const encodings: Headers[] = [{}, { 'Accept-Encoding': 'br' }, { 'Accept-Encoding': 'gzip' }]
    const conditions: Headers[] = [
      {},
      { 'If-None-Match': etag },
      { 'If-None-Match': `W/${brEtag}` },
      { 'If-None-Match': '"something-else"' },
      { 'If-None-Match': '*' },
      { 'If-Modified-Since': later },
      { 'If-Modified-Since': earlier },
    ]
    const origins: Headers[] = [
      {},
      { Origin: SITES[0] as string },
      { Origin: 'https://elsewhere.example' },
    ]
    let compared = 0
    for (const corsOrigins of ['*', SITES] as const) {
      const { fast, router } = await apps({ corsOrigins: corsOrigins === '*' ? '*' : [...SITES] })
      for (const method of ['GET', 'HEAD']) {
        for (const encoding of encodings) {
          for (const condition of conditions) {
            for (const origin of origins) {
              const headers = { ...encoding, ...condition, ...origin }
              const asked = { method, headers }
              expect({ asked, answer: await send(fast, asked) }).toEqual({
                asked,
                answer: await send(router, asked),
              })
              compared += 1
            }
          }
        }
      }
    }
    expect(compared).toBe(2 * 2 * 3 * 7 * 3)
  })

  it('for what it hands over: other spellings, query strings, unknown slugs', async () => {
    const { fast, router } = await apps({ corsOrigins: [...SITES] })
    for (const path of [
      `/content/v1/articles/${SLUG.toUpperCase()}`,
      `${ARTICLE}/`,
      `${ARTICLE}?draft=true`,
      '/content/v1/articles/not-an-article',
      '/content/v1/articles/not_a_slug',
      '/content/v1/articles/%63auses-of-lower-back-spasms',
    ]) {
      expect({ path, answer: await send(fast, { path }) }).toEqual({
        path,
        answer: await send(router, { path }),
      })
    }
  })
})

describe('the rate limit behind a proxy', () => {
  it('counts a client by the address TRUST_PROXY lets it give, as the router does', async () => {
    const saved = process.env.TRUST_PROXY
    process.env.TRUST_PROXY = '1'
    let base: string
    try {
      base = await listen(
        createApp({
          payload: t.payload,
          adapter: 'sqlite',
          limits: { ...limitsFromEnv(), deliveryPerMinute: 2 },
        }),
      )
    } finally {
      if (saved === undefined) {
        delete process.env.TRUST_PROXY
      } else {
        process.env.TRUST_PROXY = saved
      }
    }
    const from = (address: string) => send(base, { headers: { 'X-Forwarded-For': address } })
    const statuses = [
      (await from('203.0.113.5')).status,
      (await from('203.0.113.5')).status,
      (await from('203.0.113.5')).status,
      (await from('203.0.113.6')).status,
    ]
    expect(statuses).toEqual([200, 200, 429, 200])
  })
})

describe('what the fast path answers itself', () => {
  /** The fast path alone, with a fallback that says it was handed over. */
  const alone = async (limit: { max: number; store: MemoryStore }) => {
    limit.store.init({ windowMs: 60_000 } as never)
    const first = fastArticle({
      store: snapshotStore(t.payload),
      // No cache: every answer comes from the stored rendering.
      cache: new ResponseCache({ ttlMs: 0, maxBytes: 0 }),
      key: renderingKey(publicSite()),
      cacheControl: CACHE_CONTROL,
      corsOrigins: '*',
      jsonHeaders: jsonAnswerHeaders({ isProduction: false }),
      limit: { ...limit, keyOf: (req) => clientKeyOf(req.socket.remoteAddress) },
    })
    return listen((req, res) =>
      first(req, res, () => {
        res.statusCode = 599
        res.end()
      }),
    )
  }

  it('a current rendering, while a stale one, a query or a client over its limit is handed over', async () => {
    const store = new MemoryStore()
    const base = await alone({ max: 3, store })
    const first = await send(base, {})
    expect(first.status).toBe(200)
    expect(JSON.parse(first.body.toString()).slug).toBe(SLUG)
    expect((await send(base, { path: `${ARTICLE}?x=1` })).status).toBe(599)
    expect((await send(base, { headers: { 'Accept-Encoding': 'br' } })).status).toBe(200)
    expect((await send(base, {})).status).toBe(200)
    // The fourth answer within the minute is the router's to refuse, and is not counted twice.
    expect((await send(base, {})).status).toBe(599)
    expect((await store.get('127.0.0.1'))?.totalHits).toBe(3)

    const unlimited = await alone({ max: 0, store: new MemoryStore() })
    const stored = await snapshotStore(t.payload).findBySlug(SLUG)
    const articleIds = [stored?.articleId as number]
    const fresh = await send(unlimited, {})
    // Stale in presentation only: sent as it is, here and by the router alike.
    await snapshotStore(t.payload).markStale({ articleIds, servable: true })
    const meanwhile = await send(unlimited, {})
    expect(meanwhile.status).toBe(200)
    expect(meanwhile.body.equals(fresh.body)).toBe(true)
    expect(meanwhile.headers).toEqual(fresh.headers)
    const { fast, router } = await apps({ corsOrigins: '*' })
    const [viaFast, viaRouter] = await Promise.all([send(fast, {}), send(router, {})])
    expect(viaFast.status).toBe(200)
    expect(viaFast).toEqual(viaRouter)
    expect(viaFast.body.equals(fresh.body)).toBe(true)
    // Stale for what it says as well: handed over to be rendered first.
    await snapshotStore(t.payload).markStale({ articleIds })
    expect((await send(unlimited, {})).status).toBe(599)
  })

  it('sends each request its own article, concurrent or pipelined, whatever the order of reads', async () => {
    const password = 'fast-article-password'
    const tokens = {
      writer: await t.logIn('writer@example.com', password),
      reviewer: await t.logIn('reviewer@example.com', password),
      editor: await t.logIn('editor@example.com', password),
    }
    // Two articles of their own (the one above was left stale), of different lengths.
    const published = [
      await t.publishLikeSeed({ title: 'Heat or ice for a stiff neck', tokens }),
      await t.publishLikeSeed({
        title: 'When a spasm in the lower back needs a clinician',
        tokens,
      }),
    ]
    await compressLater(t.payload).idle()
    const store = snapshotStore(t.payload)
    const slugs = published.map(({ slug }) => slug as string)
    const stored = await Promise.all(slugs.map((slug) => store.findBySlug(slug)))
    // Both compressed only, so every identity answer is unpacked for its request.
    for (const rendering of stored) {
      expect(rendering?.body).toBeNull()
    }
    const etags = stored.map((rendering) => rendering?.etag)
    const base = await alone({ max: 0, store: new MemoryStore() })
    const asked = Array.from({ length: 120 }, (_, i) => i % 2)
    const answers = await Promise.all(
      asked.map((which) => send(base, { path: `/content/v1/articles/${slugs[which]}` })),
    )
    answers.forEach((answer, i) => {
      const which = asked[i] as number
      expect(answer.status).toBe(200)
      expect(etagOf(answer.body)).toBe(etags[which])
      expect(JSON.parse(answer.body.toString()).slug).toBe(slugs[which])
    })
    // Pipelined on one connection and not read for a while: the later answers wait in Node's
    // queue while others are read and unpacked (a body that shared memory with another would show).
    const piped = await pipelined(
      base,
      asked.slice(0, 40).map((which) => `/content/v1/articles/${slugs[which]}`),
    )
    expect(piped).toHaveLength(40)
    piped.forEach((answer, i) => {
      expect(answer.status).toBe(200)
      expect(etagOf(answer.body)).toBe(etags[asked[i] as number])
    })
    // HEAD and 304 answers send no body; a GET after them sends the whole one.
    const path = `/content/v1/articles/${slugs[0]}`
    const head = await send(base, { method: 'HEAD', path })
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
    const notModified = await send(base, { path, headers: { 'If-None-Match': etags[0] as string } })
    expect(notModified.status).toBe(304)
    const again = await send(base, { path })
    expect(etagOf(again.body)).toBe(etags[0])
  })
})
