import type { Access, Where } from 'payload'

import { readArticles } from './readArticles'

/** Version rows keep the article's fields under `version.`; constraints must say so. */
const underVersion = (where: Where): Where =>
  Object.fromEntries(
    Object.entries(where).map(([key, value]) =>
      key === 'and' || key === 'or'
        ? [key, (value as Where[]).map(underVersion)]
        : [`version.${key}`, value],
    ),
  )

/** The history of an article is visible to exactly those who may read the article. */
export const readArticleVersions: Access = async (args) => {
  const result = await readArticles(args)
  return typeof result === 'object' ? underVersion(result) : result
}
