import type { Endpoint } from 'payload'

import { serverUrl } from '../../../src/config/env'
import { deliveryOptionsFromEnv } from '../../../src/delivery/options'
import { createPreviewToken } from '../../../src/delivery/previewToken'

/** GET /api/articles/:id/preview-link: a signed, expiring link to the latest draft, for whoever may read it. */
export const previewLinkEndpoint: Endpoint = {
  path: '/:id/preview-link',
  method: 'get',
  handler: async (req) => {
    if (!req.user) {
      return Response.json(
        { errors: [{ code: 'UNAUTHENTICATED', message: 'Log in to preview drafts.' }] },
        { status: 401 },
      )
    }
    const doc = await req.payload.findByID({
      collection: 'articles',
      id: String(req.routeParams?.id ?? ''),
      draft: true,
      depth: 0,
      overrideAccess: false,
      user: req.user,
      req,
      disableErrors: true,
    })
    if (!doc) {
      return Response.json(
        { errors: [{ code: 'NOT_FOUND', message: 'No article with that id that you can see.' }] },
        { status: 404 },
      )
    }
    const { token, expiresAt } = createPreviewToken({
      id: doc.id,
      secret: req.payload.secret,
      ttlSeconds: deliveryOptionsFromEnv().previewTtlSeconds,
    })
    return Response.json({
      url: `${serverUrl()}/content/v1/preview/articles/${doc.id}?token=${token}`,
      expiresAt: expiresAt.toISOString(),
    })
  },
}
