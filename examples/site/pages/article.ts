import type { Disclosures, Source } from '../../client'
import type { ShownArticle } from '../content'
import { commaList, declaredInterests, isoDay, longDate, withHonorific } from '../format'
import { html, jsonInScript, raw, safeUrl } from '../html'
import type { Part } from '../html'
import { layout } from './layout'
import type { Site } from './layout'

const date = (iso: string) => html`<time datetime="${isoDay(iso)}">${longDate(iso)}</time>`

/** "Written by <a>Name</a>, Profession, Affiliation": the name links to the person's profile. */
const credit = ({
  className,
  lead,
  path,
  name,
  details,
}: {
  className: string
  lead: string
  path: string | null
  name: string
  details: (string | null)[]
}) => {
  const rest = commaList(details)
  return html`<p class="${className}">
    ${lead} ${path ? html`<a href="${path}">${name}</a>` : name}${rest ? `, ${rest}` : ''}
  </p>`
}

/** A line of text as paragraphs, one per blank-line-separated block. */
const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => html`<p>${block}</p>`)

/** DOI, PubMed and the web page, as links a reader can follow. */
const sourceLinks = (source: Source) => {
  const links: Part[] = []
  if (source.doi) {
    links.push(html`<a href="https://doi.org/${encodeURI(source.doi)}">DOI ${source.doi}</a>`)
  }
  if (source.pmid) {
    links.push(
      html`<a href="https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(source.pmid)}/"
        >PubMed ${source.pmid}</a
      >`,
    )
  }
  const url = safeUrl(source.url)
  if (url && !source.doi) {
    links.push(html`<a href="${url}">${new URL(url).hostname}</a>`)
  }
  return links.length
    ? html`<span class="source-links"
        >${links.map((link, index) => [index ? ' · ' : '', link])}</span
      >`
    : ''
}

/** The API's notice about the review, or ours when the review is overdue and it sends none. */
const reviewNotice = (article: ShownArticle) => {
  const notice = article.reviewNotice
  const text =
    typeof notice === 'string'
      ? notice
      : (notice?.text ??
        (article.reviewStatus === 'overdue'
          ? 'This article is due for its next medical review. Some of it may be out of date.'
          : null))
  if (!text) {
    return ''
  }
  const title = typeof notice === 'object' && notice?.title ? notice.title : 'About this review'
  return html`<section class="notice" aria-labelledby="review-notice">
    <h2 id="review-notice">${title}</h2>
    ${paragraphs(text)}
  </section>`
}

const declaration = (who: string, disclosures: Disclosures | null) => {
  const { summary, interests } = declaredInterests(disclosures)
  return html`<dt>${who}</dt>
    <dd>
      ${summary}
      ${
        interests.length
          ? html`<ul>
              ${interests.map((item) => html`<li>${item}</li>`)}
            </ul>`
          : ''
      }
    </dd>`
}

/** What the writer and the reviewer declared, and who pays for the site: JAMA's "disclosure". */
const interestsAndFunding = (article: ShownArticle) => {
  const { author, medicalReviewer: reviewer, publisher } = article
  return html`<section class="interests" aria-labelledby="interests">
    <h2 id="interests">Conflicts of interest and funding</h2>
    <dl>
      ${declaration(`${author.name}, author`, author.disclosures)}
      ${declaration(`${withHonorific(reviewer)}, medical reviewer`, reviewer.disclosures)}
    </dl>
    ${
      publisher.fundingStatement
        ? html`<h3>Funding</h3>
            ${paragraphs(publisher.fundingStatement)}`
        : ''
    }
    ${
      publisher.advertisingPolicy
        ? html`<h3>Advertising</h3>
            ${paragraphs(publisher.advertisingPolicy)}`
        : ''
    }
  </section>`
}

const topicLinks = (article: ShownArticle) =>
  article.topics.length === 0
    ? ''
    : html`<p class="topics">
        ${article.topics.map((topic, index) => [
          index ? ', ' : '',
          topic.slug ? html`<a href="/topics/${topic.slug}">${topic.name}</a>` : topic.name,
        ])}
      </p>`

const heroImage = (article: ShownArticle) =>
  article.heroImage?.url
    ? html`<figure class="hero">
        <img src="${article.heroImage.url}" alt="${article.heroImage.alt}" />
      </figure>`
    : ''

const keyMessages = (article: ShownArticle) =>
  article.keyMessages.length === 0
    ? ''
    : html`<section class="key-messages" aria-labelledby="key-messages">
        <h2 id="key-messages">Key messages</h2>
        <ul>
          ${article.keyMessages.map((message) => html`<li>${message}</li>`)}
        </ul>
      </section>`

/** Numbered as in the body: `[1]` links to `#source-1`. */
const sources = (article: ShownArticle) =>
  article.sources.length === 0
    ? ''
    : html`<section class="sources" aria-labelledby="sources">
        <h2 id="sources">Sources</h2>
        <ol>
          ${article.sources.map(
            (source) =>
              html`<li id="source-${source.number}" value="${source.number}">
                ${source.citation} ${sourceLinks(source)}
              </li>`,
          )}
        </ol>
      </section>`

/** /articles/:slug: the article as the seed page shows it, with everything a reader checks. */
export const articlePage = ({ site, article }: { site: Site; article: ShownArticle }) => {
  const { author, medicalReviewer: reviewer } = article
  const path = `/articles/${article.slug}`
  // Search engines should know this page by this site's address, not the API's.
  const jsonLd = { ...article.jsonLd, url: `${site.url}${path}` }
  const main = html`<article class="article">
    ${topicLinks(article)}
    <h1>${article.title}</h1>
    <p class="summary">${article.summary}</p>
    <div class="credits">
      ${credit({
        className: 'byline',
        lead: 'Written by',
        path: author.slug && `/authors/${author.slug}`,
        name: author.name,
        details: [author.profession, author.affiliation],
      })}
      ${credit({
        className: 'reviewed-by',
        lead: 'Medically reviewed by',
        path: reviewer.slug && `/reviewers/${reviewer.slug}`,
        name: withHonorific(reviewer),
        details: [reviewer.position, reviewer.affiliation],
      })}
      <p class="review-dates">
        <span>Last reviewed ${date(article.lastReviewedAt)}</span>
        <span>Next review due ${date(article.nextReviewDue)}</span>
      </p>
    </div>
    ${reviewNotice(article)} ${heroImage(article)} ${keyMessages(article)}
    <div class="article-body">${raw(article.html)}</div>
    ${sources(article)} ${interestsAndFunding(article)}
    <section class="disclaimer" aria-labelledby="disclaimer">
      <h2 id="disclaimer">${article.disclaimer.title}</h2>
      ${paragraphs(article.disclaimer.text)}
    </section>
  </article>`
  return layout({
    site,
    title: article.title,
    description: article.summary,
    path,
    head: html`<script type="application/ld+json">
      ${jsonInScript(jsonLd)}
    </script>`,
    main,
  })
}
