import type { PayloadRequest } from 'payload'

import type { ReviewRecord } from '@payload-types'
import { idOf } from '@/shared/idOf'

import { chainHead, recordHash } from './chain'
import type { ChainedRecord } from './chain'

/**
 * Links a new review record to the end of its article's chain, in the transaction that writes it.
 * Two records appended to one article at once cannot both link to the same end: every decision
 * writes the article in the same transaction first (SQLite takes one writer at a time, MongoDB
 * refuses the second with a write conflict), and `previousHash` is unique, so a fork is refused.
 */
export const chainReviewRecord = async ({
  data,
  req,
}: {
  data: Partial<ReviewRecord>
  req: PayloadRequest
}): Promise<Partial<ReviewRecord>> => {
  const articleId = idOf(data.article)
  if (articleId === null) {
    return data
  }
  const { docs } = await req.payload.find({
    collection: 'review-records',
    where: { article: { equals: articleId } },
    select: { article: true, hash: true, previousHash: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const previousHash = chainHead({ articleId, records: docs as ChainedRecord[] })
  return {
    ...data,
    previousHash,
    hash: recordHash({ record: data as ChainedRecord, previousHash }),
  }
}
