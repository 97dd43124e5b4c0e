import type { RequestHandler } from 'express'

// How long a browser may reuse a preflight's answer: the policy only changes with a restart.
const PREFLIGHT_MAX_AGE_SECONDS = 600

/**
 * CORS for sites on `origins` (or any, `*`), preflights answered here. With a list, every answer
 * varies by Origin, so a shared cache never hands one site's answer (with or without the header)
 * to another. The API only reads, so any method but GET, HEAD and OPTIONS is a 405.
 */
export const cors =
  ({ origins }: { origins: '*' | string[] }): RequestHandler =>
  (req, res, next) => {
    const requestOrigin = req.get('origin')
    if (origins === '*') {
      res.set('Access-Control-Allow-Origin', '*')
    } else {
      res.vary('Origin')
      if (requestOrigin && origins.includes(requestOrigin)) {
        res.set('Access-Control-Allow-Origin', requestOrigin)
      }
    }
    res.set('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS')
    res.set('Access-Control-Allow-Headers', 'If-None-Match, If-Modified-Since')
    res.set('Access-Control-Expose-Headers', 'ETag')
    if (req.method === 'OPTIONS') {
      res.set('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS))
      res.status(204).end()
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(405).set('Allow', 'GET, HEAD, OPTIONS').json({ error: 'Method not allowed' })
      return
    }
    next()
  }
