import type { Publisher } from '@payload-types'
import { isWebUrl } from '@/evidence/sources'
import type { PublisherInfo } from './jsonLd'

/** What an article shows of the publisher global, in its `publisher` block and its JSON-LD. */
export const publisherInfo = (publisher: Publisher): PublisherInfo => ({
  name: publisher.name || null,
  logoUrl: publisher.logoUrl || null,
  // Free text in the admin: only a web address becomes `publishingPrinciples`.
  editorialPolicyUrl:
    publisher.editorialPolicyUrl && isWebUrl(publisher.editorialPolicyUrl)
      ? publisher.editorialPolicyUrl
      : null,
  sourcingPolicy: publisher.sourcingPolicy || null,
  fundingStatement: publisher.fundingStatement || null,
  advertisingPolicy: publisher.advertisingPolicy || null,
})
