import type { Request, Response } from 'express'

/** A JSON answer ready to send: its status, its bytes and their strong ETag. */
type Sendable = { status: number; body: Buffer | string; etag: string }

/** Whether the client's If-None-Match names this ETag (or any, `*`): its copy is current. */
const hasCurrentCopy = ({ req, etag }: { req: Request; etag: string }): boolean => {
  const match = req.get('if-none-match')
  return Boolean(match && match.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*'))
}

/**
 * Sends `entry` as JSON. A 200 carries the ETag and `cacheControl`, and is a bodiless 304 when the
 * client already has it; a 404 is cached only briefly, as a publish can turn it into an article.
 */
export const send = ({
  req,
  res,
  entry,
  cacheControl,
}: {
  req: Request
  res: Response
  entry: Sendable
  cacheControl: string
}): void => {
  res.status(entry.status).type('application/json')
  if (entry.status === 200) {
    res.set('Cache-Control', cacheControl).set('ETag', entry.etag)
    if (hasCurrentCopy({ req, etag: entry.etag })) {
      res.status(304).end()
      return
    }
  } else {
    res.set('Cache-Control', 'public, max-age=10')
  }
  res.send(entry.body)
}
