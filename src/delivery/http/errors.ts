import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { Payload } from 'payload'

import { BadRequest } from './params'

/** No route matched. */
export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: 'Not found' })
}

/** A query parameter a route outside the cache refused: 400 with its message, never cached. */
export const badRequest: ErrorRequestHandler = (error, _req, res, next) => {
  if (!(error instanceof BadRequest)) {
    next(error)
    return
  }
  res.status(400).set('Cache-Control', 'no-store').json({ error: error.message })
}

/** Reached only when the database failed and nothing was cached for this URL. */
export const databaseUnavailable =
  ({ payload }: { payload: Payload }): ErrorRequestHandler =>
  (error, _req, res, _next) => {
    payload.logger.error({ err: error, msg: 'Delivery API: the database did not answer.' })
    res
      .status(503)
      .set('Retry-After', '5')
      .set('Cache-Control', 'no-store')
      .json({ error: 'Content is temporarily unavailable; retry shortly.' })
  }
