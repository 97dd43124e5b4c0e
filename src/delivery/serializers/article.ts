import type {
  Article,
  Author,
  Disclaimer,
  Media,
  MedicalReviewer,
  Source,
  Topic,
} from '@payload-types'
import type { PublicSite } from '@/config/publicSite'
import { publicUrl } from '@/config/publicSite'
import { formatCitation } from './citation'
import { publicDisclosures } from './disclosures'
import { medicalWebPage } from './jsonLd'
import type { PublisherInfo } from './jsonLd'
import { slateToHtml, slateToText } from '@/richText/slateToHtml'

/** A relationship Payload populated (depth ≥ 1), or null when it is an id or missing. */
const populated = <T extends object>(value: unknown): T | null =>
  value && typeof value === 'object' ? (value as T) : null

const populatedList = <T extends object>(value: unknown): T[] =>
  Array.isArray(value)
    ? value.map((item) => populated<T>(item)).filter((item): item is T => item !== null)
    : []

/**
 * The body as sites get it: an internal link names its target (collection and id), never the
 * whole document Payload populated into it, which could be an unpublished draft.
 */
const publicBody = (body: unknown): unknown[] => {
  const strip = (node: unknown): unknown => {
    if (!node || typeof node !== 'object') {
      return node
    }
    const { doc, children, ...rest } = node as { doc?: unknown; children?: unknown }
    const target =
      doc && typeof doc === 'object' ? (doc as { relationTo?: unknown; value?: unknown }) : null
    const value = target?.value
    return {
      ...rest,
      ...(target
        ? {
            doc: {
              relationTo: target.relationTo,
              value: value && typeof value === 'object' ? (value as { id?: unknown }).id : value,
            },
          }
        : {}),
      ...(Array.isArray(children) ? { children: children.map(strip) } : {}),
    }
  }
  return Array.isArray(body) ? body.map(strip) : []
}

export type TopicRef = { name: string; slug: string | null; url: string | null }

export const toTopicRef = ({ topic, site }: { topic: Topic; site: PublicSite }): TopicRef => ({
  name: topic.name,
  slug: topic.slug ?? null,
  url: publicUrl({ template: site.topicUrl, slug: topic.slug }),
})

export const toArticleSummary = ({ doc, site }: { doc: Article; site: PublicSite }) => {
  const author = populated<Author>(doc.author)
  return {
    title: doc.title,
    slug: doc.slug ?? null,
    url: publicUrl({ template: site.articleUrl, slug: doc.slug }),
    summary: doc.summary ?? null,
    topics: populatedList<Topic>(doc.topics).map((topic) => toTopicRef({ topic, site })),
    author: author
      ? {
          name: author.name,
          slug: author.slug ?? null,
          url: publicUrl({ template: site.authorUrl, slug: author.slug }),
        }
      : null,
    publishedAt: doc.publishedAt ?? null,
    lastReviewedAt: doc.lastReviewedAt ?? null,
    reviewStatus: doc.reviewStatus ?? null,
  }
}

export type ArticleSummary = ReturnType<typeof toArticleSummary>

/** What readers are told of an article whose planned medical review is overdue (OVERDUE_POLICY=notice). */
export const OVERDUE_NOTICE =
  'The planned medical review of this article is overdue. It may not reflect the latest evidence; check with a health professional before acting on it.'

/**
 * The full public article: content, trust signals and JSON-LD. `site` gives the public URLs and
 * where media is served; `liveSince` is when the live version was published (null for a draft).
 */
export const toArticleDetail = ({
  doc,
  site,
  publisher,
  liveSince,
  withBlockPaths = false,
}: {
  doc: Article
  site: PublicSite
  publisher: PublisherInfo
  liveSince: string | null
  withBlockPaths?: boolean
}) => {
  const author = populated<Author>(doc.author)
  const reviewer = populated<MedicalReviewer>(doc.medicalReviewer)
  const hero = populated<Media>(doc.heroImage)
  const disclaimer = populated<Disclaimer>(doc.disclaimer)
  const topicDocs = populatedList<Topic>(doc.topics)
  const shownSources = populatedList<Source>(doc.sources)
  const sources = shownSources.map((source, index) => ({
    number: index + 1,
    citation: formatCitation(source),
    url: source.url ?? null,
    doi: source.doi ?? null,
    pmid: source.pmid ?? null,
  }))
  const absolute = (url: string | null | undefined) =>
    url ? (/^https?:\/\//.test(url) ? url : `${site.mediaOrigin}${url}`) : null
  const detail = {
    title: doc.title,
    slug: doc.slug ?? null,
    url: publicUrl({ template: site.articleUrl, slug: doc.slug }),
    summary: doc.summary ?? null,
    body: publicBody(doc.body),
    html: slateToHtml({ body: doc.body, sourceCount: sources.length, withBlockPaths }),
    keyMessages: (doc.keyMessages ?? []).map((row) => row.message),
    topics: topicDocs.map((topic) => toTopicRef({ topic, site })),
    audience: doc.audience ?? 'patient',
    heroImage: hero ? { url: absolute(hero.url), alt: hero.alt } : null,
    author: author
      ? {
          name: author.name,
          slug: author.slug ?? null,
          url: publicUrl({ template: site.authorUrl, slug: author.slug }),
          profession: author.profession ?? null,
          affiliation: author.affiliation ?? null,
          disclosures: publicDisclosures(author.disclosures),
        }
      : null,
    // The plain name: sites print `honorific` beside it.
    medicalReviewer: reviewer
      ? {
          name: reviewer.name,
          slug: reviewer.slug ?? null,
          url: publicUrl({ template: site.reviewerUrl, slug: reviewer.slug }),
          honorific: reviewer.honorific ?? null,
          position: reviewer.position ?? null,
          affiliation: reviewer.affiliation ?? null,
          qualifications: reviewer.qualifications ?? null,
          disclosures: publicDisclosures(reviewer.disclosures),
        }
      : null,
    publishedAt: doc.publishedAt ?? null,
    lastReviewedAt: doc.lastReviewedAt ?? null,
    nextReviewDue: doc.nextReviewDue ?? null,
    reviewStatus: doc.reviewStatus ?? null,
    readability: {
      fleschKincaidGrade: doc.readability?.fleschKincaidGrade ?? null,
      smog: doc.readability?.smog ?? null,
    },
    ...(site.showsOverdueNotice && doc.reviewStatus === 'overdue' && doc.nextReviewDue
      ? { reviewNotice: { text: OVERDUE_NOTICE, since: doc.nextReviewDue } }
      : {}),
    sources,
    disclaimer: disclaimer ? { title: disclaimer.title, text: slateToText(disclaimer.text) } : null,
    publisher: {
      name: publisher.name,
      editorialPolicyUrl: publisher.editorialPolicyUrl,
      sourcingPolicy: publisher.sourcingPolicy,
      fundingStatement: publisher.fundingStatement,
      advertisingPolicy: publisher.advertisingPolicy,
    },
  }
  const jsonLd = medicalWebPage({
    article: {
      ...detail,
      topics: topicDocs.map((topic, index) => ({
        name: topic.name,
        url: detail.topics[index]?.url ?? null,
        schemaType: topic.schemaType ?? 'Thing',
      })),
    },
    sources: shownSources,
    publisher,
    language: site.language,
    liveSince,
  })
  return { ...detail, jsonLd }
}
