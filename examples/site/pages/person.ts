import type { AuthorProfile, ReviewerProfile } from '../../client'
import type { Disclosures } from '../../client'
import { commaList, declaredInterests, withHonorific } from '../format'
import { html } from '../html'
import { articleList } from './articleList'
import { layout } from './layout'
import type { Site } from './layout'

/** "Conflicts of interest: none declared (…)", or what they declared. */
const interests = (disclosures: Disclosures | null) => {
  const { summary, interests: declared } = declaredInterests(disclosures)
  return html`<div class="interests">
    <p>Conflicts of interest: ${summary}</p>
    ${
      declared.length
        ? html`<ul>
            ${declared.map((item) => html`<li>${item}</li>`)}
          </ul>`
        : ''
    }
  </div>`
}

/** /authors/:slug: who wrote, and what. */
export const authorPage = ({ site, author }: { site: Site; author: AuthorProfile }) => {
  const details = commaList([author.profession, author.affiliation])
  return layout({
    site,
    title: author.name,
    description: details || null,
    path: `/authors/${author.slug}`,
    main: html`<div class="profile">
        <p class="role">Author</p>
        <h1>${author.name}</h1>
        ${details ? html`<p class="details">${details}</p>` : ''}
        ${author.bio ? html`<p>${author.bio}</p>` : ''} ${interests(author.disclosures)}
      </div>
      <section aria-labelledby="articles">
        <h2 id="articles">Articles by ${author.name}</h2>
        ${articleList({ articles: author.articles, level: 3 })}
      </section>`,
  })
}

/** /reviewers/:slug: who reviewed, their standing, and what they reviewed. */
export const reviewerPage = ({ site, reviewer }: { site: Site; reviewer: ReviewerProfile }) => {
  const name = withHonorific(reviewer)
  const details = commaList([reviewer.position, reviewer.affiliation])
  return layout({
    site,
    title: name,
    description: details || null,
    path: `/reviewers/${reviewer.slug}`,
    main: html`<div class="profile">
        <p class="role">Medical reviewer</p>
        <h1>${name}</h1>
        ${details ? html`<p class="details">${details}</p>` : ''}
        ${reviewer.qualifications ? html`<p>Qualifications: ${reviewer.qualifications}</p>` : ''}
        ${interests(reviewer.disclosures)}
      </div>
      <section aria-labelledby="articles">
        <h2 id="articles">Articles reviewed by ${name}</h2>
        ${articleList({ articles: reviewer.articles, level: 3 })}
      </section>`,
  })
}
