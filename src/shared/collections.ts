/** The delivery API's read model: each live article rendered once (src/readModel/). */
export const PUBLISHED_ARTICLES = 'published-articles'
