import type { RequestHandler } from 'express'

import { send } from '@/delivery/http/send'
import { openApiDocument } from '@/delivery/openApiDocument'
import { strongEtag } from '@/delivery/responseCache'

/** GET /openapi.json: the API's OpenAPI description, with this server's address in it. */
export const openApi = ({
  origin,
  cacheControl,
}: {
  origin: string
  cacheControl: string
}): RequestHandler => {
  const body = JSON.stringify(openApiDocument({ origin }))
  const etag = strongEtag(body)
  return (req, res) => {
    send({ req, res, entry: { status: 200, body, etag }, cacheControl })
  }
}
