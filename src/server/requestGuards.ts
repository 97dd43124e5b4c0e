import type { Request, RequestHandler } from 'express'

import { rawQueryBoundsProblem } from '@/validation/queryBounds'
import { isPollutingQueryKey, PROTOTYPE_KEY_IN_QUERY } from '@/validation/whereBounds'

const BODY_TYPES = ['application/json', 'multipart/form-data']
/** A search sent as a form body, which Payload's admin does for long queries (a GET in disguise). */
const QUERY_BODY_TYPE = 'application/x-www-form-urlencoded'

const isQueryInBody = (req: Request) =>
  req.get('x-payload-http-method-override') === 'GET' || req.get('x-http-method-override') === 'GET'

/**
 * Payload reads JSON and multipart bodies (and form-encoded searches) only; anything else used to
 * fail deep inside it with a 500. A body must also say its length, so the size limit cannot be
 * dodged with chunked encoding.
 */
export const supportedBody: RequestHandler = (req, res, next) => {
  const length = req.get('content-length')
  const isChunked = req.get('transfer-encoding') !== undefined
  if (!isChunked && (length === undefined || length === '0')) {
    next()
    return
  }
  if (length === undefined) {
    res.status(411).json({
      errors: [{ message: 'Send the body with a Content-Length header (no chunked encoding).' }],
    })
    return
  }
  const type = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  const isAccepted = BODY_TYPES.includes(type) || (type === QUERY_BODY_TYPE && isQueryInBody(req))
  if (!isAccepted) {
    res.status(415).json({
      errors: [
        {
          message: `Send JSON (Content-Type: application/json) or multipart/form-data, not "${type || 'no content type'}".`,
        },
      ],
    })
    return
  }
  next()
}

/**
 * `?limit=0`, `?pagination=false` or `?page=-1` on a Payload list are a 400, not "everything", and
 * so is `?limit=250` unless the list names at most 250 documents by id (`where[id][in]`, as the
 * admin's related-document lookups do); so are `__proto__`-style keys, which no Payload query uses.
 * Conditions and nesting are bounded where every door meets (src/validation/inputGuards.ts),
 * form-encoded searches included.
 */
export const boundedListQueries: RequestHandler = (req, res, next) => {
  const problem = Object.keys(req.query).some(isPollutingQueryKey)
    ? PROTOTYPE_KEY_IN_QUERY
    : req.method === 'GET'
      ? rawQueryBoundsProblem(req.query)
      : null
  if (problem) {
    res.status(400).json({ errors: [{ message: problem }] })
    return
  }
  next()
}
