import type { ArticleSummary } from '../../client'
import { longDate, isoDay } from '../format'
import { html } from '../html'

const heading = ({ level, article }: { level: 2 | 3; article: ArticleSummary }) => {
  const link = html`<a href="/articles/${article.slug}">${article.title}</a>`
  return level === 2 ? html`<h2>${link}</h2>` : html`<h3>${link}</h3>`
}

/** Articles as a list of cards, each titled with a heading of `level` (the page's next level). */
export const articleList = ({
  articles,
  level,
  empty = 'No articles yet.',
}: {
  articles: ArticleSummary[]
  level: 2 | 3
  empty?: string
}) =>
  articles.length === 0
    ? html`<p>${empty}</p>`
    : html`<ul class="article-list">
        ${articles.map(
          (article) =>
            html`<li>
              <article>
                ${heading({ level, article })}
                <p>${article.summary}</p>
                <p class="meta">
                  By ${article.author.name} · Last reviewed
                  <time datetime="${isoDay(article.lastReviewedAt)}"
                    >${longDate(article.lastReviewedAt)}</time
                  >
                </p>
              </article>
            </li>`,
        )}
      </ul>`
