import type { RequestHandler } from 'express'

/**
 * CORS for sites on `origins` (or any, `*`), preflights answered here. The API only reads, so any
 * method but GET, HEAD and OPTIONS is a 405.
 */
export const cors =
  ({ origins }: { origins: '*' | string[] }): RequestHandler =>
  (req, res, next) => {
    const requestOrigin = req.get('origin')
    if (origins === '*') {
      res.set('Access-Control-Allow-Origin', '*')
    } else if (requestOrigin && origins.includes(requestOrigin)) {
      res.set('Access-Control-Allow-Origin', requestOrigin)
      res.vary('Origin')
    }
    res.set('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS')
    res.set('Access-Control-Allow-Headers', 'If-None-Match')
    res.set('Access-Control-Expose-Headers', 'ETag')
    if (req.method === 'OPTIONS') {
      res.status(204).end()
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(405).set('Allow', 'GET, HEAD, OPTIONS').json({ error: 'Method not allowed' })
      return
    }
    next()
  }
