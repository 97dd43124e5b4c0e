import type {
  Article,
  Author,
  Disclaimer,
  Media,
  MedicalReviewer,
  Source,
  Topic,
} from '@payload-types'
import { formatCitation } from './citation'
import { medicalWebPage } from './jsonLd'
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

export const reviewerDisplayName = (
  reviewer: Pick<MedicalReviewer, 'honorific' | 'name'>,
): string => [reviewer.honorific, reviewer.name].filter(Boolean).join(' ')

export type TopicRef = { name: string; slug: string | null }

export const toTopicRef = (topic: Topic): TopicRef => ({
  name: topic.name,
  slug: topic.slug ?? null,
})

export const toArticleSummary = (doc: Article) => {
  const author = populated<Author>(doc.author)
  return {
    title: doc.title,
    slug: doc.slug ?? null,
    summary: doc.summary ?? null,
    topics: populatedList<Topic>(doc.topics).map(toTopicRef),
    author: author ? { name: author.name, slug: author.slug ?? null } : null,
    publishedAt: doc.publishedAt ?? null,
    lastReviewedAt: doc.lastReviewedAt ?? null,
    reviewStatus: doc.reviewStatus ?? null,
  }
}

export type ArticleSummary = ReturnType<typeof toArticleSummary>

/** The full public article: content, trust signals and JSON-LD. `origin` makes media URLs absolute. */
export const toArticleDetail = ({
  doc,
  origin,
  publisherName,
}: {
  doc: Article
  origin: string
  publisherName?: string | null
}) => {
  const author = populated<Author>(doc.author)
  const reviewer = populated<MedicalReviewer>(doc.medicalReviewer)
  const hero = populated<Media>(doc.heroImage)
  const disclaimer = populated<Disclaimer>(doc.disclaimer)
  const topics = populatedList<Topic>(doc.topics).map(toTopicRef)
  const sources = populatedList<Source>(doc.sources).map((source, index) => ({
    number: index + 1,
    citation: formatCitation(source),
    url: source.url ?? null,
    doi: source.doi ?? null,
    pmid: source.pmid ?? null,
  }))
  const absolute = (url: string | null | undefined) =>
    url ? (/^https?:\/\//.test(url) ? url : `${origin}${url}`) : null
  const detail = {
    title: doc.title,
    slug: doc.slug ?? null,
    summary: doc.summary ?? null,
    body: publicBody(doc.body),
    html: slateToHtml({ body: doc.body, sourceCount: sources.length }),
    keyMessages: (doc.keyMessages ?? []).map((row) => row.message),
    topics,
    heroImage: hero ? { url: absolute(hero.url), alt: hero.alt } : null,
    author: author
      ? {
          name: author.name,
          slug: author.slug ?? null,
          profession: author.profession ?? null,
          affiliation: author.affiliation ?? null,
        }
      : null,
    medicalReviewer: reviewer
      ? {
          name: reviewerDisplayName(reviewer),
          slug: reviewer.slug ?? null,
          honorific: reviewer.honorific ?? null,
          position: reviewer.position ?? null,
          affiliation: reviewer.affiliation ?? null,
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
    sources,
    disclaimer: disclaimer ? { title: disclaimer.title, text: slateToText(disclaimer.text) } : null,
  }
  return { ...detail, jsonLd: medicalWebPage({ article: detail, origin, publisherName }) }
}
