import http from 'node:http'
import type { AddressInfo } from 'node:net'

import express from 'express'
import type { Express } from 'express'

import { httpServerFor, runsOnThis } from '@/server/httpServer'

/** An app that uses what Express adds to requests and responses, and its error paths. */
const exampleApp = (): Express => {
  const app = express()
  app.set('trust proxy', 1)
  app.use(express.json())
  app.get('/json', (req, res) => {
    res
      .status(201)
      .set('X-Example', 'yes')
      .cookie('seen', '1', { httpOnly: true })
      .vary('Accept-Encoding')
      .json({ ip: req.ip, query: req.query, host: req.hostname, accepts: req.accepts('json') })
  })
  app.post('/echo', (req, res) => {
    res.json({ body: req.body as unknown, type: req.get('content-type') })
  })
  app.get('/moved', (_req, res) => {
    res.redirect(301, '/json?from=moved')
  })
  app.get('/fails', () => {
    throw new Error('a failure')
  })
  app.use(
    (error: Error, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (error.message === 'a failure') {
        res.status(500).json({ error: 'handled' })
        return
      }
      next(error)
    },
  )
  return app
}

const listening = async (server: http.Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const closing = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })

type Answer = { status: number; headers: Record<string, string>; body: string }

const ask = async (base: string, path: string, init: RequestInit = {}): Promise<Answer> => {
  const res = await fetch(`${base}${path}`, { redirect: 'manual', ...init })
  const headers = Object.fromEntries(
    [...res.headers.entries()].filter(([name]) => !['date', 'keep-alive'].includes(name)),
  )
  return { status: res.status, headers, body: await res.text() }
}

const REQUESTS: Array<[string, RequestInit?]> = [
  [
    '/json?a=1&b=two',
    { headers: { 'X-Forwarded-For': '203.0.113.9', Accept: 'application/json' } },
  ],
  [
    '/echo',
    { method: 'POST', body: '{"x":[1,2]}', headers: { 'Content-Type': 'application/json' } },
  ],
  ['/echo', { method: 'POST', body: '{not json', headers: { 'Content-Type': 'application/json' } }],
  ['/moved'],
  ['/fails'],
  ['/nowhere'],
  ['/json', { method: 'HEAD' }],
]

describe('the HTTP server for the Express app', () => {
  it('answers every request exactly as a plain Node server for the same app does', async () => {
    const app = exampleApp()
    const plain = http.createServer(app)
    const ours = httpServerFor(app)
    try {
      const [plainBase, oursBase] = [await listening(plain), await listening(ours)]
      for (const [path, init] of REQUESTS) {
        const expected = await ask(plainBase, path, init)
        expect({ path, ...(await ask(oursBase, path, init)) }).toEqual({ path, ...expected })
      }
      // What the app does is really exercised, not only matched: a sample of the answers.
      const json = await ask(oursBase, '/json?a=1', {
        headers: { 'X-Forwarded-For': '203.0.113.9' },
      })
      expect(json.status).toBe(201)
      expect(JSON.parse(json.body)).toMatchObject({ ip: '203.0.113.9', query: { a: '1' } })
      expect(json.headers['set-cookie']).toMatch(/^seen=1; Path=\/; HttpOnly$/)
      expect((await ask(oursBase, '/fails')).body).toBe('{"error":"handled"}')
      expect((await ask(oursBase, '/nowhere')).status).toBe(404)
    } finally {
      await Promise.all([closing(plain), closing(ours)])
    }
  })

  it("makes requests and responses with Express's prototypes, so Express does not change them", async () => {
    const app = exampleApp()
    const server = httpServerFor(app)
    const seen: boolean[] = []
    // Before the app: what Node made, as Node made it.
    server.prependListener('request', (req, res) => {
      seen.push(
        Object.getPrototypeOf(req) === app.request,
        Object.getPrototypeOf(res) === app.response,
      )
    })
    try {
      const base = await listening(server)
      // Several requests on one kept-alive connection, and one with a body.
      for (let i = 0; i < 3; i += 1) {
        expect((await ask(base, `/json?i=${i}`)).status).toBe(201)
      }
      expect(
        JSON.parse(
          (
            await ask(base, '/echo', {
              method: 'POST',
              body: '{"ok":true}',
              headers: { 'Content-Type': 'application/json' },
            })
          ).body,
        ),
      ).toEqual({ body: { ok: true }, type: 'application/json' })
      expect(seen).toEqual(Array(8).fill(true))
    } finally {
      await closing(server)
    }
  })
})

describe('runsOnThis', () => {
  it("accepts Node's request and response constructors and a constructor function", () => {
    function Point(this: { x: number }, x: number) {
      this.x = x
    }
    expect([http.IncomingMessage, http.ServerResponse, Point].map(runsOnThis)).toEqual([
      true,
      true,
      true,
    ])
  })

  it('declines a class, which cannot run on an object made elsewhere (the server is then a plain one)', () => {
    class Point {
      constructor(readonly x: number) {}
    }
    expect([Point, class {}, () => undefined, {}].map(runsOnThis)).toEqual([
      false,
      false,
      true,
      false,
    ])
  })
})
