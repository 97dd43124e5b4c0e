import type { RequestHandler } from 'express'

/**
 * One URL per resource: the canonical path is lower case without a trailing slash (slugs and ids
 * are lower case). A GET or HEAD for any other spelling is a 301 to it, query string kept, so a CDN
 * or a search engine never holds two copies of one answer.
 */
/**
 * Lower case, no trailing slash; percent-escapes stay upper case as RFC 3986 prefers (they are the
 * same characters either way, so an emoji slug is not redirected to itself).
 */
export const canonicalPath = (path: string): string =>
  path
    .replace(/(%[0-9a-f]{2})|([^%]+)/gi, (match, escape: string | undefined) =>
      escape ? escape.toUpperCase() : match.toLowerCase(),
    )
    .replace(/(.)\/+$/, '$1')

export const canonicalUrl =
  ({ cacheControl }: { cacheControl: string }): RequestHandler =>
  (req, res, next) => {
    const [path = '', query] = req.originalUrl.split(/\?(.*)/s, 2)
    const canonical = canonicalPath(path)
    if (canonical === path || (req.method !== 'GET' && req.method !== 'HEAD')) {
      next()
      return
    }
    res
      .set('Cache-Control', cacheControl)
      .redirect(301, query === undefined ? canonical : `${canonical}?${query}`)
  }
