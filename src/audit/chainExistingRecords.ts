import type { Payload, PayloadRequest } from 'payload'

import type { ReviewRecord } from '@payload-types'
import { idOf } from '@/shared/idOf'

import { CHAINED_FIELDS, genesisHash, recordHash } from './chain'
import type { ChainedRecord } from './chain'

/**
 * For the migration that introduced the chain: links every existing review record, per article in
 * the order they were written (`at`, then creation), below Payload's hooks, which refuse any change
 * to a record. Records that already carry a hash are left alone.
 */
export const chainExistingRecords = async ({
  payload,
  req,
}: {
  payload: Payload
  req?: PayloadRequest
}): Promise<void> => {
  const { docs } = await payload.db.find<ReviewRecord>({
    collection: 'review-records',
    sort: ['article', 'at', 'createdAt'],
    pagination: false,
    // What the chain covers, and no more: later migrations may add columns this one predates.
    select: Object.fromEntries(
      [...CHAINED_FIELDS, 'hash', 'previousHash', 'createdAt'].map((field) => [field, true]),
    ),
    req,
  })
  const heads = new Map<string, string>()
  for (const record of docs) {
    const article = String(idOf(record.article))
    const previousHash = heads.get(article) ?? genesisHash(article)
    const hash =
      record.hash ?? recordHash({ record: record as unknown as ChainedRecord, previousHash })
    if (!record.hash) {
      await payload.db.updateOne({
        collection: 'review-records',
        id: record.id,
        data: { previousHash, hash },
        returning: false,
        req,
      })
    }
    heads.set(article, hash)
  }
}
