import type { Publisher } from '@payload-types'
import { isWebUrl } from '@/evidence/sources'
import type { PublisherInfo } from './jsonLd'

/** What the JSON-LD shows of the publisher global. */
export const publisherInfo = (publisher: Publisher): PublisherInfo => ({
  name: publisher.name || null,
  logoUrl: publisher.logoUrl || null,
  // Free text in the admin: only a web address becomes `publishingPrinciples`.
  editorialPolicyUrl:
    publisher.editorialPolicyUrl && isWebUrl(publisher.editorialPolicyUrl)
      ? publisher.editorialPolicyUrl
      : null,
})
