import type { ArticleSummary, TopicRef } from '../../client'
import { isoDay } from '../format'
import { escapeHtml } from '../html'

/** When an article's page last changed: its last review, or its publishing if later. */
const lastChanged = (article: ArticleSummary) =>
  article.lastReviewedAt > article.publishedAt ? article.lastReviewedAt : article.publishedAt

/** /sitemap.xml: the home page, topics, authors and every live article with its `lastmod`. */
export const sitemap = ({
  siteUrl,
  articles,
  topics,
}: {
  siteUrl: string
  articles: ArticleSummary[]
  topics: TopicRef[]
}): string => {
  const url = (path: string, lastmod?: string) =>
    `  <url><loc>${escapeHtml(siteUrl + path)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`
  const authors = new Set(articles.map((article) => article.author.slug).filter(Boolean))
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url('/'),
    ...articles.map((article) => url(`/articles/${article.slug}`, isoDay(lastChanged(article)))),
    ...topics.filter((topic) => topic.slug).map((topic) => url(`/topics/${topic.slug}`)),
    ...[...authors].map((slug) => url(`/authors/${slug}`)),
    '</urlset>',
    '',
  ].join('\n')
}
