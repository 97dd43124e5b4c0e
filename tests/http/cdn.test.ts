import { execFile } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import type { Express } from 'express'
import request from 'supertest'

import { identityBody, snapshotStore } from '@/db/readModelStore'
import { compressLater } from '@/delivery/readModel/compressLater'
import { decide } from '../helpers/decision'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'
import { deliveryApp } from '../helpers/deliveryApp'

const PASSWORD = 'cdn-test-password'
const SLUG = 'causes-of-lower-back-spasms'
const ARTICLE = `/content/v1/articles/${SLUG}`
const CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600'
const run = promisify(execFile)

let t: TestPayload
let seedId: number
let servers: http.Server[] = []
/** The API for any site (`*`). */
let open: Express
/** The API for two listed sites. */
let listed: Express
let openUrl: string
const tokens: Record<string, string> = {}

const cdnApp = (corsOrigins: '*' | string[]) =>
  deliveryApp({
    payload: t.payload,
    delivery: { cacheControl: CACHE_CONTROL, cacheTtlMs: 5000, corsOrigins },
  })

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/** A GET whose body arrives exactly as sent: no client decompresses it on the way. */
const raw = (url: string, headers: Record<string, string> = {}): Promise<Raw> =>
  new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        )
      })
      .on('error', reject)
  })

const vary = (headers: Record<string, unknown>) =>
  String(headers.vary ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())

beforeAll(async () => {
  // The address the OpenAPI document names: a real host, as in production (not localhost).
  process.env.SERVER_URL = 'https://health.signoff.test'
  t = await startTestPayload()
  seedId = await t.seedDemo(PASSWORD)
  for (const who of ['editor', 'writer', 'reviewer']) {
    tokens[who] = await t.logIn(`${who}@example.com`, PASSWORD)
  }
  open = cdnApp('*')
  listed = cdnApp(['https://a.example', 'https://b.example'])
  const server = http.createServer(open).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  servers = [server]
  openUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  await t.publishLikeSeed({
    title: 'Literal sp_sms marker',
    tokens: tokens as Record<'writer' | 'reviewer' | 'editor', string>,
  })
})

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
  await t?.close()
})

describe('compression', () => {
  it('sends brotli or gzip as asked, each decoding to the identity body, with Vary: Accept-Encoding', async () => {
    const identity = await raw(`${openUrl}${ARTICLE}`)
    expect(identity.status).toBe(200)
    expect(identity.headers['content-encoding']).toBeUndefined()
    expect(vary(identity.headers)).toContain('accept-encoding')
    expect(identity.body.length).toBeGreaterThan(10_000)

    const br = await raw(`${openUrl}${ARTICLE}`, { 'Accept-Encoding': 'gzip, deflate, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(vary(br.headers)).toContain('accept-encoding')
    expect(br.body.length).toBeLessThan(identity.body.length / 2)
    expect(zlib.brotliDecompressSync(br.body).equals(identity.body)).toBe(true)

    const gzip = await raw(`${openUrl}${ARTICLE}`, { 'Accept-Encoding': 'gzip' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(gzip.body).equals(identity.body)).toBe(true)

    const preferred = await raw(`${openUrl}${ARTICLE}`, { 'Accept-Encoding': 'br;q=0.5, gzip' })
    expect(preferred.headers['content-encoding']).toBe('gzip')
    const openApi = await raw(`${openUrl}/content/v1/openapi.json`, { 'Accept-Encoding': 'br' })
    expect(openApi.headers['content-encoding']).toBe('br')
    expect(JSON.parse(zlib.brotliDecompressSync(openApi.body).toString()).openapi).toBe('3.1.0')
  })

  it('sends the bytes compressed once when the rendering was stored, even with no memory cache', async () => {
    // Compressed off the event loop just after the rendering is stored.
    await compressLater(t.payload).idle()
    const stored = await snapshotStore(t.payload).findBySlug(SLUG)
    expect(Object.keys(stored?.variants ?? {}).sort()).toEqual(['br', 'gzip', 'lz4'])
    // Bytes compressed from an older rendering never land beside a newer one.
    await snapshotStore(t.payload).saveVariants({
      articleId: stored?.articleId as number,
      etag: '"an-older-rendering"',
      variants: { br: Buffer.from('older bytes'), gzip: Buffer.from('older bytes') },
    })
    expect((await snapshotStore(t.payload).findBySlug(SLUG))?.variants).toEqual(stored?.variants)
    // Kept compressed only: the packed body is the identity body's one copy.
    expect(stored?.body).toBeNull()
    const identity = stored && identityBody(stored)
    expect(JSON.parse(String(identity)).slug).toBe(SLUG)
    expect(stored?.variants.br && zlib.brotliDecompressSync(stored.variants.br)).toEqual(identity)
    const uncached = deliveryApp({
      payload: t.payload,
      delivery: { cacheControl: CACHE_CONTROL, previewTtlSeconds: 60 },
    })
    const server = await new Promise<http.Server>((resolve) => {
      const listening = uncached.listen(0, '127.0.0.1', () => resolve(listening))
    })
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${ARTICLE}`
      for (const encoding of ['br', 'gzip'] as const) {
        const answer = await raw(url, { 'Accept-Encoding': encoding })
        expect(answer.headers['content-encoding']).toBe(encoding)
        expect(answer.body.equals(stored?.variants[encoding] as Buffer)).toBe(true)
      }
      // The packed body is how it is kept, not an encoding: a client asking for it gets identity.
      const packed = await raw(url, { 'Accept-Encoding': 'lz4' })
      expect(packed.headers['content-encoding']).toBeUndefined()
      expect(packed.body.equals(identity as Buffer)).toBe(true)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('gives each encoding its own ETag, and a 304 only for the ETag of the encoding asked for', async () => {
    const identity = await raw(`${openUrl}${ARTICLE}`)
    const br = await raw(`${openUrl}${ARTICLE}`, { 'Accept-Encoding': 'br' })
    const gzip = await raw(`${openUrl}${ARTICLE}`, { 'Accept-Encoding': 'gzip' })
    const etags = [identity, br, gzip].map((res) => res.headers.etag)
    expect(new Set(etags).size).toBe(3)

    for (const [encoding, etag] of [
      ['br', br.headers.etag],
      ['gzip', gzip.headers.etag],
      ['identity', identity.headers.etag],
    ] as const) {
      const again = await raw(`${openUrl}${ARTICLE}`, {
        'Accept-Encoding': encoding,
        'If-None-Match': String(etag),
      })
      expect(again.status).toBe(304)
      expect(again.body.length).toBe(0)
      expect(again.headers.etag).toBe(etag)
      expect(vary(again.headers)).toContain('accept-encoding')
    }
    const other = await raw(`${openUrl}${ARTICLE}`, {
      'Accept-Encoding': 'gzip',
      'If-None-Match': String(br.headers.etag),
    })
    expect(other.status).toBe(200)
    expect(other.headers['content-encoding']).toBe('gzip')
    // A proxy that weakened the ETag still revalidates (If-None-Match compares weakly).
    const weak = await raw(`${openUrl}${ARTICLE}`, {
      'Accept-Encoding': 'br',
      'If-None-Match': `W/${br.headers.etag}`,
    })
    expect(weak.status).toBe(304)
  })

  it('leaves small bodies as they are', async () => {
    const topics = await raw(`${openUrl}/content/v1/topics`, { 'Accept-Encoding': 'br, gzip' })
    expect(topics.status).toBe(200)
    expect(topics.headers['content-encoding']).toBeUndefined()
    expect(JSON.parse(topics.body.toString())).toEqual({
      docs: [
        {
          name: 'Lower back',
          slug: 'lower-back',
          url: 'https://health.signoff.test/content/v1/articles?topic=lower-back',
        },
      ],
    })
  })
})

describe('Last-Modified', () => {
  it('dates an article by its rendering and a list by its newest change; If-Modified-Since gets 304', async () => {
    for (const url of [ARTICLE, '/content/v1/articles', '/content/v1/topics']) {
      const first = await request(open).get(url)
      const lastModified = String(first.headers['last-modified'])
      expect(new Date(lastModified).toUTCString()).toBe(lastModified)
      const notModified = await request(open).get(url).set('If-Modified-Since', lastModified)
      expect(notModified.status).toBe(304)
      const older = new Date(Date.parse(lastModified) - 60_000).toUTCString()
      expect((await request(open).get(url).set('If-Modified-Since', older)).status).toBe(200)
      // The ETag decides when both are sent.
      const changed = await request(open)
        .get(url)
        .set('If-Modified-Since', lastModified)
        .set('If-None-Match', '"something-else"')
      expect(changed.status).toBe(200)
    }
  })

  it('moves a list on when an article in it is archived', async () => {
    const before = await request(open).get('/content/v1/articles')
    const doc = await t.publishLikeSeed({
      title: 'Archived for the list',
      tokens: tokens as Record<'writer' | 'reviewer' | 'editor', string>,
    })
    const res = await decide({ rest: t.rest, id: doc.id, token: tokens.editor, action: 'archive' })
    expect(res.status).toBe(200)
    const after = await request(open).get('/content/v1/articles')
    expect(after.text).not.toContain('Archived for the list')
    expect(Date.parse(String(after.headers['last-modified']))).toBeGreaterThanOrEqual(
      Date.parse(String(before.headers['last-modified'])),
    )
  })
})

describe('CORS for a list of sites', () => {
  it('varies every answer by Origin, so a shared cache never gives one site another’s answer', async () => {
    const forB = await request(listed).get(ARTICLE).set('Origin', 'https://b.example')
    expect(forB.headers['access-control-allow-origin']).toBe('https://b.example')
    expect(vary(forB.headers)).toEqual(expect.arrayContaining(['origin', 'accept-encoding']))
    for (const origin of ['https://c.example', null]) {
      const req = request(listed).get(ARTICLE)
      const res = await (origin ? req.set('Origin', origin) : req)
      expect(res.status).toBe(200)
      expect(res.headers['access-control-allow-origin']).toBeUndefined()
      expect(vary(res.headers)).toContain('origin')
    }
    const notModified = await request(listed)
      .get(ARTICLE)
      .set('Origin', 'https://a.example')
      .set('If-None-Match', String(forB.headers.etag))
    expect(notModified.status).toBe(304)
    expect(notModified.headers['access-control-allow-origin']).toBe('https://a.example')
    expect(vary(notModified.headers)).toContain('origin')
  })

  it('lets browsers keep a preflight for 600 seconds', async () => {
    for (const app of [open, listed]) {
      const preflight = await request(app)
        .options(ARTICLE)
        .set('Origin', 'https://a.example')
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'if-none-match')
      expect(preflight.status).toBe(204)
      expect(preflight.headers['access-control-max-age']).toBe('600')
      expect(preflight.headers['access-control-allow-headers']).toMatch(/If-None-Match/)
    }
  })

  it('keeps `*` without Vary: Origin', async () => {
    const res = await request(open).get(ARTICLE).set('Origin', 'https://c.example')
    expect(res.headers['access-control-allow-origin']).toBe('*')
    expect(vary(res.headers)).not.toContain('origin')
  })
})

describe('one URL per resource', () => {
  it('redirects a trailing slash or another case to the lower-case path, query kept', async () => {
    for (const [from, to] of [
      ['/content/v1/articles/', '/content/v1/articles'],
      ['/content/v1/articles/?page=2&limit=5', '/content/v1/articles?page=2&limit=5'],
      [`/content/V1/Articles/${SLUG.toUpperCase()}`, ARTICLE],
      [`/CONTENT/v1/articles/${SLUG}/?q=A_b`, `${ARTICLE}?q=A_b`],
      ['/content/v1/', '/content/v1'],
    ]) {
      const res = await request(open).get(String(from))
      expect(res.status).toBe(301)
      expect(res.headers.location).toBe(to)
      expect(res.headers['access-control-allow-origin']).toBe('*')
    }
    expect((await request(open).head('/content/v1/topics/')).status).toBe(301)
    expect((await request(open).get(ARTICLE)).status).toBe(200)
    // Writes are still refused, not redirected.
    expect((await request(open).post('/content/v1/articles/')).status).toBe(405)
  })
})

describe('query parameters', () => {
  it('refuses a parameter a route does not read with a 400 naming it and what is allowed', async () => {
    const list = await request(open).get('/content/v1/articles?LIMIT=500')
    expect(list.status).toBe(400)
    expect(list.headers['cache-control']).toBe('no-store')
    expect(list.body).toEqual({
      error: 'Unknown query parameter: LIMIT (allowed: topic, q, page, limit)',
    })
    const two = await request(open).get('/content/v1/articles?limit=5&where[slug]=x&draft=true')
    expect(two.body).toEqual({
      error: 'Unknown query parameters: where[slug], draft (allowed: topic, q, page, limit)',
    })
    for (const url of [
      `${ARTICLE}?draft=true`,
      '/content/v1/topics?x=1',
      '/content/v1/openapi.json?v=2',
    ]) {
      const res = await request(open).get(url)
      expect(res.status).toBe(400)
      expect(res.body.error).toMatch(/^Unknown query parameter: \w+ \(allowed: none\)$/)
    }
    const preview = await request(open).get(`/content/v1/preview/articles/${seedId}?token=1.a&x=1`)
    expect(preview.status).toBe(400)
    expect(preview.body).toEqual({ error: 'Unknown query parameter: x (allowed: token)' })
  })

  it('matches q as literal text: an underscore is not a wildcard', async () => {
    const slugs = async (q: string) =>
      (
        await request(open).get(`/content/v1/articles?limit=100&q=${encodeURIComponent(q)}`)
      ).body.docs.map((doc: { slug: string }) => doc.slug)
    expect(await slugs('sp_sms')).toEqual(['literal-sp-sms-marker'])
    expect(await slugs('SP_SMS marker')).toEqual(['literal-sp-sms-marker'])
    expect(await slugs('_')).toEqual(['literal-sp-sms-marker'])
    expect(await slugs('sp%ms')).toEqual([])
    expect(await slugs('sp\\_sms')).toEqual([])
    const spasms = await slugs('spasms')
    expect(spasms).toContain(SLUG)
    expect(spasms).not.toContain('literal-sp-sms-marker')
  })
})

describe('media files', () => {
  it('are public for a day, as anyone may read them; a missing file is not cached', async () => {
    const app = t.app()
    const article = await request(app).get(ARTICLE)
    const imagePath = String(article.body.heroImage.url).replace(/^https?:\/\/[^/]+/, '')
    expect(imagePath).toMatch(/^\/api\/media\/file\//)
    const image = await request(app).get(imagePath)
    expect(image.status).toBe(200)
    expect(image.headers['content-type']).toBe('image/png')
    expect(image.headers['cache-control']).toBe('public, max-age=86400')
    const missing = await request(app).get('/api/media/file/no-such-file.png')
    expect(missing.status).toBeGreaterThanOrEqual(400)
    expect(missing.headers['cache-control'] ?? '').not.toMatch(/public/)
  })
})

describe('OpenAPI', () => {
  it('lints clean with Redocly, as served', async () => {
    const served = await request(open).get('/content/v1/openapi.json')
    expect(served.status).toBe(200)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-openapi-'))
    const file = path.join(dir, 'openapi.json')
    fs.writeFileSync(file, served.text)
    try {
      const { stdout } = await run(
        path.resolve('node_modules/.bin/redocly'),
        ['lint', file, '--format=json'],
        {
          cwd: dir,
          env: {
            ...process.env,
            REDOCLY_TELEMETRY: 'off',
            REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
          },
        },
      )
      const report = JSON.parse(stdout) as {
        totals: { errors: number; warnings: number }
        problems: unknown[]
      }
      expect(report.problems).toEqual([])
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 })
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)

  it('describes every operation, and real answers match its schemas under strict ajv', async () => {
    const doc = (await request(open).get('/content/v1/openapi.json')).body as {
      paths: Record<string, Record<string, Record<string, unknown>>>
      components: Record<string, unknown>
    }
    for (const operation of Object.values(doc.paths).flatMap((item) => Object.values(item))) {
      expect(operation).toEqual(
        expect.objectContaining({
          operationId: expect.any(String),
          tags: [expect.any(String)],
          description: expect.any(String),
          security: expect.any(Array),
        }),
      )
      expect(Object.keys(operation.responses as object)).toEqual(
        expect.arrayContaining(['200', '304', '400', '429', '503']),
      )
    }

    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true })
    addFormats(ajv)
    const { schemas } = doc.components as { schemas: Record<string, unknown> }
    // Under strict mode only schema keywords may appear: the schemas go in $defs, refs follow.
    const defs = JSON.parse(JSON.stringify(schemas).replaceAll('#/components/schemas/', '#/$defs/'))
    ajv.addSchema({ $id: 'delivery', $defs: defs })
    const link = await t.rest(`/articles/${seedId}/preview-link`, { token: tokens.editor })
    const previewPath = String(((await link.json()) as { url: string }).url).replace(
      /^https?:\/\/[^/]+/,
      '',
    )
    const answers: [string, string][] = [
      [ARTICLE, 'PublishedArticle'],
      ['/content/v1/articles?limit=100', 'ArticleList'],
      ['/content/v1/topics', 'TopicList'],
      ['/content/v1/authors/nikita-mistry', 'AuthorProfile'],
      ['/content/v1/reviewers/gina-arena', 'ReviewerProfile'],
      [previewPath, 'PreviewArticle'],
      ['/content/v1/articles/none-here', 'Error'],
      ['/content/v1/articles?LIMIT=1', 'Error'],
    ]
    for (const [url, schema] of answers) {
      const res = await request(open).get(url)
      const validate = ajv.getSchema(`delivery#/$defs/${schema}`)
      expect(validate).toBeDefined()
      const isValid = validate?.(res.body)
      expect({ url, errors: validate?.errors ?? [] }).toEqual({ url, errors: [] })
      expect(isValid).toBe(true)
    }
    // Published articles promise what previews may lack.
    const published = ajv.getSchema('delivery#/$defs/PublishedArticle')
    const article = (await request(open).get(ARTICLE)).body as Record<string, unknown>
    expect(published?.({ ...article, summary: null })).toBe(false)
    const previewSchema = ajv.getSchema('delivery#/$defs/PreviewArticle')
    expect(previewSchema?.({ ...article, summary: null })).toBe(true)
  })
})
