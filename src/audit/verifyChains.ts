import type { Payload } from 'payload'

import type { ReviewRecord } from '@payload-types'
import { idOf } from '@/shared/idOf'

import { chainOrder, firstBreak } from './chain'
import type { ChainBreak, ChainedRecord } from './chain'

export type Verification = { articles: number; records: number; broken: ChainBreak | null }

const BATCH = 500

/**
 * Checks every article's chain of review records, reading `BATCH` records at a time, and stops at
 * the first break. What it cannot see on its own: the newest records of an article removed
 * together (compare an earlier export's hashes for that).
 */
export const verifyChains = async ({
  payload,
  onProgress,
}: {
  payload: Payload
  onProgress?: (records: number) => void
}): Promise<Verification> => {
  let articles = 0
  let records = 0
  let group: ReviewRecord[] = []
  const check = (): ChainBreak | null => {
    if (!group.length) {
      return null
    }
    articles += 1
    const broken = firstBreak(chainOrder(group as unknown as ChainedRecord[]))
    group = []
    return broken
  }
  for (let page = 1; ; page += 1) {
    const { docs, hasNextPage } = await payload.find({
      collection: 'review-records',
      sort: ['article', 'at', 'createdAt'],
      limit: BATCH,
      page,
      depth: 0,
      overrideAccess: true,
    })
    for (const record of docs) {
      const article = idOf(record.article)
      if (group[0] && String(idOf(group[0].article)) !== String(article)) {
        const broken = check()
        if (broken) {
          return { articles, records, broken }
        }
      }
      group.push(record)
      records += 1
    }
    onProgress?.(records)
    if (!hasNextPage) {
      break
    }
  }
  const broken = check()
  return { articles, records, broken }
}
