import type { Payload } from 'payload'

import { refreshSnapshotNow } from '@/delivery/readModel/refresh'
import { queueNotification } from '@/notifications/queueNotification'
import { queueWebhooks } from '@/webhooks/webhooks'
import { LIVE } from '@/workflow/live'
import type { ReviewFlag } from '@/workflow/reviewFlags'

import { normalizeDoi, normalizePmid } from './csv'
import type { RetractionNotice } from './csv'

/**
 * After an import: every live article that cites a source the new notices retract is rendered
 * again, which flags it `SOURCE_RETRACTED` on its read-model row (the editors' flagged list); its
 * reviewer and the editors are e-mailed, and `article.source_retracted` is sent. Returns their ids.
 */
export const flagRetractedArticles = async ({
  payload,
  notices,
}: {
  payload: Payload
  notices: RetractionNotice[]
}): Promise<(number | string)[]> => {
  if (!notices.length) {
    return []
  }
  const dois = new Set(notices.flatMap((notice) => (notice.doi ? [notice.doi] : [])))
  const pmids = new Set(notices.flatMap((notice) => (notice.pmid ? [notice.pmid] : [])))
  // Sources hold DOIs as typed (any case), so they are matched here rather than by a query.
  const { docs: sources } = await payload.find({
    collection: 'sources',
    where: { or: [{ doi: { exists: true } }, { pmid: { exists: true } }] },
    select: { doi: true, pmid: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const retracted = sources.filter((source) => {
    const doi = normalizeDoi(source.doi)
    const pmid = normalizePmid(source.pmid)
    return (doi !== null && dois.has(doi)) || (pmid !== null && pmids.has(pmid))
  })
  if (!retracted.length) {
    return []
  }
  const { docs: articles } = await payload.find({
    collection: 'articles',
    where: { and: [LIVE, { sources: { in: retracted.map((source) => source.id) } }] },
    select: { slug: true },
    draft: false,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const flagged: (number | string)[] = []
  for (const article of articles) {
    const rendered = await refreshSnapshotNow({ payload, articleId: article.id })
    const flag = (rendered?.reviewFlags as ReviewFlag[] | undefined)?.find(
      (f) => f.code === 'SOURCE_RETRACTED',
    )
    if (flag?.code !== 'SOURCE_RETRACTED') {
      continue
    }
    flagged.push(article.id)
    const firstDate = notices
      .map((notice) => notice.retractionDate)
      .filter((date): date is string => date !== null)
      .sort()[0]
    await queueWebhooks({
      payload,
      event: 'article.source_retracted',
      article,
      changes: flag.sources,
    })
    await queueNotification({
      payload,
      event: 'sourceRetracted',
      articleId: article.id,
      date: firstDate ?? null,
    })
  }
  return flagged
}
