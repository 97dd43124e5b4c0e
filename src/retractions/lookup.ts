import type { Payload, PayloadRequest, Where } from 'payload'

import { RETRACTIONS } from '@/shared/collections'
import type { SourceRetraction } from '@/workflow/publishRules'

import { isRetraction, normalizeDoi, normalizePmid } from './csv'

type Locators = { doi?: string | null; pmid?: string | null }

/**
 * For each source (in order), the retraction of the paper it points at by DOI or PubMed ID, or
 * null: one indexed query for all of them. Corrections and expressions of concern do not count.
 */
export const retractionsOf = async ({
  payload,
  req,
  sources,
}: {
  payload: Payload
  req?: PayloadRequest
  sources: Locators[]
}): Promise<(SourceRetraction | null)[]> => {
  const keys = sources.map((source) => ({
    doi: normalizeDoi(source.doi),
    pmid: normalizePmid(source.pmid),
  }))
  const dois = [...new Set(keys.flatMap((key) => (key.doi ? [key.doi] : [])))]
  const pmids = [...new Set(keys.flatMap((key) => (key.pmid ? [key.pmid] : [])))]
  if (!dois.length && !pmids.length) {
    return sources.map(() => null)
  }
  const or: Where[] = []
  if (dois.length) {
    or.push({ doi: { in: dois } })
  }
  if (pmids.length) {
    or.push({ pmid: { in: pmids } })
  }
  const { docs } = await payload.find({
    collection: RETRACTIONS,
    where: { or },
    sort: 'retractionDate',
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const notices = docs.filter((doc) => isRetraction(doc.retractionNature))
  return keys.map((key) => {
    const found = notices.find(
      (doc) => (key.doi && doc.doi === key.doi) || (key.pmid && doc.pmid === key.pmid),
    )
    return found
      ? { date: found.retractionDate ?? null, nature: found.retractionNature ?? 'Retraction' }
      : null
  })
}
