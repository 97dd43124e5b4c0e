import type { Payload } from 'payload'

import type { PublicSite } from '@/config/publicSite'
import type { Render } from '@/delivery/http/cached'
import { onlyParams } from '@/delivery/http/params'
import { newestChange } from '@/delivery/lastModified'
import { toTopicRef } from '@/delivery/serializers/article'

/** GET /topics: every topic, by name. */
export const topicList =
  ({ payload, site }: { payload: Payload; site: PublicSite }): Render =>
  async (req) => {
    onlyParams({ query: req.query, allowed: [] })
    const { docs } = await payload.find({
      collection: 'topics',
      sort: 'name',
      pagination: false,
      depth: 0,
      overrideAccess: false,
    })
    return {
      status: 200,
      json: { docs: docs.map((topic) => toTopicRef({ topic, site })) },
      lastModified: await newestChange({ payload, collections: ['topics'] }),
    }
  }
