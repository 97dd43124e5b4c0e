import type { Request, RequestHandler } from 'express'

import type { Rendered, ResponseCache } from '@/delivery/responseCache'
import { BadRequest } from './params'
import { send } from './send'

/** How a resource answers a GET: what to send (and cache by URL), or a BadRequest thrown. */
export type Render = (req: Request) => Promise<Rendered>

export const NOT_FOUND: Rendered = { status: 404, json: { error: 'Not found' } }

/**
 * Wraps a resource's `Render` as a cached, ETagged GET: bad parameters are a 400, and when the
 * database fails the last good answer for the URL is served, marked stale.
 */
export const cachedHandler =
  ({ cache, cacheControl }: { cache: ResponseCache; cacheControl: string }) =>
  (render: Render): RequestHandler =>
  async (req, res, next) => {
    const key = req.originalUrl
    try {
      const entry = await cache.get({ key, render: () => render(req) })
      await send({ req, res, entry, cacheControl })
    } catch (error) {
      if (error instanceof BadRequest) {
        res.status(400).set('Cache-Control', 'no-store').json({ error: error.message })
        return
      }
      const stale = cache.stale(key)
      if (stale) {
        res.set('Warning', '110 - "Response is stale"')
        await send({ req, res, entry: stale, cacheControl })
        return
      }
      next(error)
    }
  }
