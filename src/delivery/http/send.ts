import type { IncomingHttpHeaders } from 'node:http'

import type { Request, Response } from 'express'

import type { CachedResponse } from '@/delivery/responseCache'
import { MIN_COMPRESSED_BYTES, chooseEncoding, compress, variantEtag } from './encoding'
import type { Encoding } from './encoding'

/** A JSON answer ready to send: its status, its bytes, their strong ETag, and its variants. */
type Sendable = Pick<
  CachedResponse,
  'status' | 'length' | 'body' | 'etag' | 'lastModified' | 'variants'
>

/** The body in `encoding`, compressed once per entry however many requests ask for it. */
const compressed = ({ entry, encoding }: { entry: Sendable; encoding: Encoding }) => {
  const known = entry.variants[encoding]
  if (known) {
    return known
  }
  const made = compress({ body: entry.body, encoding }).catch((error: unknown) => {
    delete entry.variants[encoding]
    throw error
  })
  entry.variants[encoding] = made
  return made
}

/** An ETag without its weak prefix: If-None-Match compares weakly (RFC 9110, 13.1.2). */
const opaque = (tag: string) => tag.trim().replace(/^W\//, '')

/**
 * Whether the client's copy is current: If-None-Match names this variant's ETag (or `*`); without
 * If-None-Match, If-Modified-Since is at or after Last-Modified (both to the second).
 */
export const hasCurrentCopy = ({
  headers,
  etag,
  lastModified,
}: {
  headers: IncomingHttpHeaders
  etag: string
  lastModified: number | undefined
}): boolean => {
  const match = headers['if-none-match']
  if (match) {
    return match.split(',').some((tag) => opaque(tag) === etag || tag.trim() === '*')
  }
  const since = Date.parse(headers['if-modified-since'] ?? '')
  return (
    lastModified !== undefined &&
    Number.isFinite(since) &&
    Math.floor(lastModified / 1000) <= Math.floor(since / 1000)
  )
}

/**
 * Sends `entry` as JSON, compressed with brotli or gzip when the client accepts it and the body is
 * worth it (`Vary: Accept-Encoding`; each encoding has its own ETag). A 200 carries the ETag,
 * Last-Modified and `cacheControl`, and is a bodiless 304 when the client already has it; other
 * statuses are cached only briefly (a publish can turn a 404 into an article) unless the caller
 * set a Cache-Control of its own.
 */
export const send = async ({
  req,
  res,
  entry,
  cacheControl,
}: {
  req: Request
  res: Response
  entry: Sendable
  cacheControl: string
}): Promise<void> => {
  const encoding = entry.length >= MIN_COMPRESSED_BYTES ? chooseEncoding(req) : null
  res.status(entry.status).type('application/json').vary('Accept-Encoding')
  if (entry.status === 200) {
    const etag = variantEtag({ etag: entry.etag, encoding })
    res.set('Cache-Control', cacheControl).set('ETag', etag)
    if (entry.lastModified !== undefined) {
      res.set('Last-Modified', new Date(entry.lastModified).toUTCString())
    }
    if (hasCurrentCopy({ headers: req.headers, etag, lastModified: entry.lastModified })) {
      res.status(304).end()
      return
    }
  } else if (!res.get('Cache-Control')) {
    res.set('Cache-Control', 'public, max-age=10')
  }
  if (!encoding) {
    res.send(entry.body)
    return
  }
  const body = await compressed({ entry, encoding })
  res.set('Content-Encoding', encoding).send(body)
}
