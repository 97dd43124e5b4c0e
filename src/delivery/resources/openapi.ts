import type { RequestHandler } from 'express'

import { onlyParams } from '@/delivery/http/params'
import { send } from '@/delivery/http/send'
import { openApiDocument } from '@/delivery/openApiDocument'
import { toCached } from '@/delivery/responseCache'

/** GET /openapi.json: the API's OpenAPI description, with this server's address in it. */
export const openApi = ({
  origin,
  cacheControl,
}: {
  origin: string
  cacheControl: string
}): RequestHandler => {
  // Made and compressed once: it only changes with a restart.
  const entry = toCached({ status: 200, json: openApiDocument({ origin }) })
  return async (req, res, next) => {
    try {
      onlyParams({ query: req.query, allowed: [] })
      await send({ req, res, entry, cacheControl })
    } catch (error) {
      next(error)
    }
  }
}
