import type { PayloadRequest } from 'payload'

import { refreshSnapshots } from './refresh'

/**
 * Each batch's saved articles (each once, by its id as the database gave it), by the batch's
 * request: not in `req.context`, which Payload copies into a new object on each Local API call and
 * which callers often share between requests.
 */
const batches = new WeakMap<PayloadRequest, Map<string, number | string>>()

/**
 * Called by the save hook: when `req` is a batch's (`renderAtEnd`), keeps the article to render
 * at the batch's end and returns true; otherwise false, and the hook renders it now.
 */
export const renderLater = ({
  req,
  articleId,
}: {
  req: PayloadRequest
  articleId: number | string
}): boolean => {
  const saved = batches.get(req)
  if (!saved) {
    return false
  }
  saved.set(String(articleId), articleId)
  return true
}

/**
 * Runs `write`, which saves many articles in `req`'s transaction (an import, the bench's seed),
 * and renders every article it saved once at its end, in one `refreshSnapshots`, instead of one
 * refresh per save: the batch asks the database the same handful of questions as one article
 * does, where each save asked them all again (seeding spent half its time there). The renderings
 * are made in the same transaction, before `write`'s caller commits: nothing is published without
 * its rendering. A batch inside a batch renders at the outer one's end. If `write` fails, nothing
 * is rendered (its caller rolls the transaction back).
 */
export const renderAtEnd = async <T>({
  req,
  write,
}: {
  req: PayloadRequest
  write: () => Promise<T>
}): Promise<T> => {
  if (batches.has(req)) {
    return write()
  }
  const saved = new Map<string, number | string>()
  batches.set(req, saved)
  let result: T
  try {
    result = await write()
  } finally {
    batches.delete(req)
  }
  await refreshSnapshots({ req, articleIds: [...saved.values()] })
  return result
}
