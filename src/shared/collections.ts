/** The delivery API's read model: each live article rendered once (src/delivery/readModel/). */
export const PUBLISHED_ARTICLES = 'published-articles'
