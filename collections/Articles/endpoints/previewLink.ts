import type { Endpoint } from 'payload'

import { serverUrl } from '@/config/env'
import { jsonAnswer } from '@/shared/jsonAnswer'
import { createPreviewToken } from '@/delivery/previewToken'
import { loadArticleForUser } from '@/workflow/service/loadArticleForUser'
import { deliveryOptionsFromEnv } from '@/config/delivery'

/** GET /api/articles/:id/preview-link: a signed, expiring link to the latest draft, for whoever may read it. */
export const previewLinkEndpoint: Endpoint = {
  path: '/:id/preview-link',
  method: 'get',
  handler: async (req) => {
    const loaded = await loadArticleForUser(req)
    if (loaded.response) {
      return loaded.response
    }
    const { doc } = loaded
    const { token, expiresAt } = createPreviewToken({
      id: doc.id,
      secret: req.payload.secret,
      ttlSeconds: deliveryOptionsFromEnv().previewTtlSeconds,
    })
    return jsonAnswer({
      url: `${serverUrl()}/content/v1/preview/articles/${doc.id}?token=${token}`,
      expiresAt: expiresAt.toISOString(),
    })
  },
}
