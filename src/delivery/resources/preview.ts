import type { RequestHandler } from 'express'
import type { Payload } from 'payload'

import type { PublicSite } from '@/config/publicSite'
import { onlyParams } from '@/delivery/http/params'
import { send } from '@/delivery/http/send'
import { isValidPreviewToken } from '@/delivery/previewToken'
import { toCached } from '@/delivery/responseCache'
import { toArticleDetail } from '@/delivery/serializers/article'
import { publisherInfo } from '@/delivery/serializers/publisher'

/**
 * GET /preview/articles/:id?token=: the latest draft, for an editor's signed link. Never cached, by
 * us or anyone else.
 */
export const preview =
  ({
    payload,
    site,
    secret,
  }: {
    payload: Payload
    site: PublicSite
    secret: string
  }): RequestHandler =>
  async (req, res, next) => {
    res.set('Cache-Control', 'no-store')
    try {
      onlyParams({ query: req.query, allowed: ['token'] })
    } catch (error) {
      next(error)
      return
    }
    const id = String(req.params.id)
    if (!isValidPreviewToken({ id, token: req.query.token, secret })) {
      res.status(401).json({
        error: 'The preview link is invalid or has expired; get a new one from the admin.',
      })
      return
    }
    try {
      const doc = await payload.findByID({
        collection: 'articles',
        id,
        draft: true,
        depth: 1,
        overrideAccess: true,
        disableErrors: true,
      })
      if (!doc) {
        res.status(404).json({ error: 'Not found' })
        return
      }
      const publisher = await payload.findGlobal({
        slug: 'publisher',
        depth: 0,
        overrideAccess: false,
      })
      const json = toArticleDetail({
        doc,
        site,
        publisher: publisherInfo(publisher),
        liveSince: null,
      })
      await send({
        req,
        res,
        entry: toCached({ status: 200, json, lastModified: new Date(doc.updatedAt).getTime() }),
        cacheControl: 'no-store',
      })
    } catch (error) {
      next(error)
    }
  }
