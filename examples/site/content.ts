/** What the pages read, through the typed client: `null` for a 404, an error for anything else. */
import type { Article, ArticleList, SignoffClient } from '../client'

/** A field the API may add before the client is regenerated: a review notice is shown when sent. */
export type ShownArticle = Article & {
  reviewNotice?: string | { title?: string | null; text: string } | null
}

/** The CMS did not answer as expected (down, or a 5xx): the page says so with a 503. */
export class ApiUnavailable extends Error {}

const found = <T>({
  data,
  response,
  what,
}: {
  data: T | undefined
  response: Response
  what: string
}): T | null => {
  if (data !== undefined) {
    return data
  }
  if (response.status === 404) {
    return null
  }
  throw new ApiUnavailable(`${what}: the delivery API answered ${response.status}`)
}

const list = async ({
  client,
  query,
}: {
  client: SignoffClient
  query: { topic?: string; page?: number; limit?: number }
}): Promise<ArticleList> => {
  const { data, response } = await client.GET('/articles', { params: { query } })
  const articles = found({ data, response, what: 'articles' })
  if (!articles) {
    throw new ApiUnavailable('articles: the delivery API answered 404')
  }
  return articles
}

export const contentFrom = ({ client }: { client: SignoffClient }) => ({
  article: async (slug: string): Promise<ShownArticle | null> => {
    const { data, response } = await client.GET('/articles/{slug}', {
      params: { path: { slug } },
    })
    return found({ data, response, what: `article ${slug}` })
  },

  latestArticles: ({ limit }: { limit: number }) => list({ client, query: { limit } }),

  articlesOnTopic: ({ topic }: { topic: string }) => list({ client, query: { topic, limit: 100 } }),

  /** Every live article, a page of 100 at a time (for the sitemap). */
  allArticles: async () => {
    const first = await list({ client, query: { limit: 100, page: 1 } })
    const docs = [...first.docs]
    for (let page = 2; page <= first.totalPages; page += 1) {
      docs.push(...(await list({ client, query: { limit: 100, page } })).docs)
    }
    return docs
  },

  topics: async () => {
    const { data, response } = await client.GET('/topics')
    return found({ data, response, what: 'topics' })?.docs ?? []
  },

  author: async (slug: string) => {
    const { data, response } = await client.GET('/authors/{slug}', {
      params: { path: { slug } },
    })
    return found({ data, response, what: `author ${slug}` })
  },

  reviewer: async (slug: string) => {
    const { data, response } = await client.GET('/reviewers/{slug}', {
      params: { path: { slug } },
    })
    return found({ data, response, what: `reviewer ${slug}` })
  },
})

export type Content = ReturnType<typeof contentFrom>
