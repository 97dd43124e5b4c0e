import type { RequestHandler } from 'express'

// How long a browser may reuse a preflight's answer: the policy only changes with a restart.
const PREFLIGHT_MAX_AGE_SECONDS = 600

/**
 * The CORS headers of an answer to `requestOrigin`, in the order the middleware sets them; `Origin`
 * goes into Vary whenever the policy is a list.
 */
export const corsHeaders = ({
  origins,
  requestOrigin,
}: {
  origins: '*' | string[]
  requestOrigin: string | undefined
}): { varyOrigin: boolean; headers: [string, string][] } => ({
  varyOrigin: origins !== '*',
  headers: [
    ...(origins === '*'
      ? [['Access-Control-Allow-Origin', '*'] as [string, string]]
      : requestOrigin && origins.includes(requestOrigin)
        ? [['Access-Control-Allow-Origin', requestOrigin] as [string, string]]
        : []),
    ['Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS'],
    ['Access-Control-Allow-Headers', 'If-None-Match, If-Modified-Since'],
    ['Access-Control-Expose-Headers', 'ETag'],
  ],
})

/**
 * CORS for sites on `origins` (or any, `*`), preflights answered here. With a list, every answer
 * varies by Origin, so a shared cache never hands one site's answer (with or without the header)
 * to another. The API only reads, so any method but GET, HEAD and OPTIONS is a 405.
 */
export const cors =
  ({ origins }: { origins: '*' | string[] }): RequestHandler =>
  (req, res, next) => {
    const { varyOrigin, headers } = corsHeaders({ origins, requestOrigin: req.get('origin') })
    if (varyOrigin) {
      res.vary('Origin')
    }
    for (const [name, value] of headers) {
      res.set(name, value)
    }
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
