import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Express, Request, Response } from 'express'
import request from 'supertest'

import { createApp } from '@/server/app'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

// A 1×1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
)

let t: TestPayload

/** Stands in for Next: admin and /api paths answer with the CSP the request carried. */
const standInNext = async (req: Request, res: Response) => {
  if (/^\/(admin|api)(\/|$)/.test(req.path)) {
    res.status(200).json({ cspSeenByNext: req.headers['content-security-policy'] ?? null })
  } else {
    res.status(404).type('html').send('<h1>Not found</h1>')
  }
}

const appWith = (options: { isDev?: boolean; isProduction?: boolean } = {}): Express =>
  createApp({ payload: t.payload, adapter: 'sqlite', handleNext: standInNext, ...options })

const ADMIN_PATHS = ['/admin', '/admin/collections/articles', '/no-such-page']
const JSON_PATHS = [
  '/api/articles',
  '/api/users/me',
  '/content/v1/topics',
  '/content/v1/articles/no-such-article',
  '/health',
]
const EVERY_PATH = [...ADMIN_PATHS, ...JSON_PATHS, '/api/media/file/x.png']

const directives = (csp: string): Map<string, string[]> =>
  new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name as string, values]),
  )

const scriptNonce = (csp: string): string | undefined =>
  directives(csp)
    .get('script-src')
    ?.find((value) => value.startsWith("'nonce-"))

beforeAll(async () => {
  t = await startTestPayload()
})

afterAll(async () => {
  await t?.close()
})

describe('security headers', () => {
  it.each(EVERY_PATH)(
    '%s: CSP with frame-ancestors none, DENY, nosniff, strict referrer, no HSTS',
    async (path) => {
      const res = await request(appWith()).get(path)
      const csp = res.headers['content-security-policy'] ?? ''
      expect(directives(csp).get('frame-ancestors')).toEqual(["'none'"])
      expect(res.headers['x-frame-options']).toBe('DENY')
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
      expect(res.headers['strict-transport-security']).toBeUndefined()
    },
  )

  it.each(JSON_PATHS)('%s: loads nothing and is same-origin for no-cors loads', async (path) => {
    const res = await request(appWith()).get(path)
    expect(directives(res.headers['content-security-policy'] ?? '').get('default-src')).toEqual([
      "'none'",
    ])
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin')
  })

  it("serves Next's build files and the bench's static file without a page's policy or nonce", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-static-'))
    fs.writeFileSync(path.join(dir, 'article.json'), '{"title":"A file"}')
    process.env.BENCH_STATIC_DIR = dir
    try {
      const app = appWith()
      const file = await request(app).get('/bench-static/article.json')
      const build = await request(app).get('/_next/static/chunks/main.js')
      expect(file.status).toBe(200)
      expect(file.body).toEqual({ title: 'A file' })
      for (const res of [file, build]) {
        const csp = res.headers['content-security-policy'] ?? ''
        expect(scriptNonce(csp)).toBeUndefined()
        expect(directives(csp).get('default-src')).toEqual(["'none'"])
        expect(directives(csp).get('frame-ancestors')).toEqual(["'none'"])
        expect(res.headers['x-frame-options']).toBe('DENY')
        expect(res.headers['x-content-type-options']).toBe('nosniff')
      }
      // Without the bench, its path is the admin's like any other: nothing is served there.
      delete process.env.BENCH_STATIC_DIR
      const unmounted = await request(appWith()).get('/bench-static/article.json')
      expect(unmounted.status).toBe(404)
      expect(scriptNonce(unmounted.headers['content-security-policy'] ?? '')).toBeDefined()
    } finally {
      delete process.env.BENCH_STATIC_DIR
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('answers a 404 from the delivery API and from Next with the headers too', async () => {
    const app = appWith()
    const delivery = await request(app).get('/content/v1/articles/no-such-article')
    const page = await request(app).get('/no-such-page')
    expect([delivery.status, page.status]).toEqual([404, 404])
    expect(delivery.headers['x-frame-options']).toBe('DENY')
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
  })

  it('lets other origins embed uploaded files (Cross-Origin-Resource-Policy)', async () => {
    const res = await request(appWith()).get('/api/media/file/x.png')
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin')
    expect(directives(res.headers['content-security-policy'] ?? '').get('default-src')).toEqual([
      "'none'",
    ])
  })

  it('serves a real uploaded image through Payload with cross-origin CORP', async () => {
    const media = await t.payload.create({
      collection: 'media',
      data: { alt: 'A transparent pixel' },
      file: { data: PNG, mimetype: 'image/png', name: 'pixel.png', size: PNG.length },
    })
    const res = await request(t.app()).get(`/api/media/file/${media.filename}`)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('image/png')
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
  })

  it('gives the admin a fresh script nonce per request, and hands the same policy to Next', async () => {
    const app = appWith()
    const first = await request(app).get('/admin')
    const second = await request(app).get('/admin')
    const nonces = [first, second].map((res) =>
      scriptNonce(res.headers['content-security-policy'] ?? ''),
    )
    expect(nonces[0]).toMatch(/^'nonce-[A-Za-z0-9+/]{22}=='$/)
    expect(nonces[1]).toMatch(/^'nonce-/)
    expect(nonces[0]).not.toBe(nonces[1])
    for (const res of [first, second]) {
      expect(res.body.cspSeenByNext).toBe(res.headers['content-security-policy'])
    }
    const policy = directives(first.headers['content-security-policy'] ?? '')
    expect(policy.get('script-src')).not.toContain("'unsafe-eval'")
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'")
    expect(policy.get('object-src')).toEqual(["'none'"])
  })

  it('ignores a CSP the client sends and hands Next its own', async () => {
    const res = await request(appWith())
      .get('/admin')
      .set('content-security-policy', "script-src 'nonce-chosenByTheClient'")
    expect(res.body.cspSeenByNext).toBe(res.headers['content-security-policy'])
    expect(res.body.cspSeenByNext).not.toMatch(/chosenByTheClient/)
  })

  it("allows 'unsafe-eval' for the admin in development mode only", async () => {
    const res = await request(appWith({ isDev: true })).get('/admin')
    const scriptSrc = directives(res.headers['content-security-policy'] ?? '').get('script-src')
    expect(scriptSrc).toContain("'unsafe-eval'")
    expect(scriptNonce(res.headers['content-security-policy'] ?? '')).toBeDefined()
  })

  it('adds HSTS in production, on every path', async () => {
    const app = appWith({ isProduction: true })
    for (const path of EVERY_PATH) {
      const res = await request(app).get(path)
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    }
  })
})
