import type { Article } from '@payload-types'

/** The seed article's content, to create more articles like it (new title and slug needed). */
export const contentOf = (article: Article): Partial<Article> => ({
  summary: article.summary,
  body: article.body,
  keyMessages: article.keyMessages?.map(({ message }) => ({ message })),
  topics: article.topics,
  author: article.author,
  medicalReviewer: article.medicalReviewer,
  sources: article.sources,
  disclaimer: article.disclaimer,
  heroImage: article.heroImage,
})
