import type {
  CreativeWork,
  MedicalAudience,
  MedicalWebPage,
  Organization,
  Person,
  PropertyValue,
  Thing,
  WithContext,
} from 'schema-dts'

import type { Audience, TopicSchemaType } from '@/shared/structuredData'
import type { CitableSource } from './citation'

/** What the JSON-LD says, taken from the article's public JSON. */
export type JsonLdInput = {
  title: string
  url: string | null
  summary: string | null
  publishedAt: string | null
  lastReviewedAt: string | null
  audience: Audience
  topics: { name: string; url: string | null; schemaType: TopicSchemaType }[]
  author: {
    name: string
    url: string | null
    profession: string | null
    affiliation: string | null
  } | null
  medicalReviewer: {
    name: string
    url: string | null
    honorific: string | null
    position: string | null
    affiliation: string | null
    qualifications: string | null
  } | null
  heroImage: { url: string | null } | null
}

/** The publisher global as articles show it (src/delivery/serializers/publisher.ts). */
export type PublisherInfo = {
  name: string | null
  logoUrl: string | null
  /** A web address, or null: it is the JSON-LD's `publishingPrinciples`. */
  editorialPolicyUrl: string | null
  sourcingPolicy: string | null
  /** Who owns and funds the publication: the JSON-LD's `ownershipFundingInfo`. */
  fundingStatement: string | null
  /** Not in the JSON-LD: schema.org has no property for an advertising policy. */
  advertisingPolicy: string | null
}

const day = (iso: string | null | undefined) => iso?.slice(0, 10)

const organization = (name: string | null): Organization | undefined =>
  name ? { '@type': 'Organization', name } : undefined

/** "PhD, MPH" → one credential each. */
const credentials = (qualifications: string | null) =>
  (qualifications ?? '')
    .split(/[,;]/)
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => ({ '@type': 'EducationalOccupationalCredential' as const, name }))

const person = ({
  name,
  url,
  honorific = null,
  jobTitle,
  affiliation,
  qualifications = null,
}: {
  name: string
  url: string | null
  honorific?: string | null
  jobTitle: string | null
  affiliation: string | null
  qualifications?: string | null
}): Person => {
  const hasCredential = credentials(qualifications)
  return {
    '@type': 'Person',
    name,
    ...(url ? { url } : {}),
    ...(honorific ? { honorificPrefix: honorific } : {}),
    ...(jobTitle ? { jobTitle } : {}),
    ...(affiliation ? { affiliation: organization(affiliation) } : {}),
    ...(hasCredential.length ? { hasCredential } : {}),
  }
}

// Patients are a schema.org type of their own; the others are kinds of medical audience.
const AUDIENCE: Record<Audience, MedicalAudience> = {
  patient: { '@type': 'Patient' },
  caregiver: { '@type': 'MedicalAudience', audienceType: 'Caregiver' },
  clinician: { '@type': 'MedicalAudience', audienceType: 'Clinician' },
  researcher: { '@type': 'MedicalAudience', audienceType: 'MedicalResearcher' },
}

const topic = ({ name, url, schemaType }: JsonLdInput['topics'][number]): Thing => ({
  '@type': schemaType,
  name,
  ...(url ? { url } : {}),
})

// Sources of these types are articles in journals, even before a DOI is entered.
const JOURNAL_TYPES = new Set(['peer-reviewed-study', 'systematic-review'])

// Vancouver style: "Hoy D", "Van der Berg AB"; a list of them is people, anything else a body.
const VANCOUVER_NAME = /^\p{Lu}[\p{L}'’-]*(?: \p{L}[\p{L}'’-]*)* \p{Lu}{1,3}$/u

const citationAuthors = (authors: string | null | undefined): (Person | Organization)[] => {
  const names = (authors ?? '')
    .split(',')
    .map((name) => name.trim().replace(/\.$/, ''))
    .filter((name) => name && !/^et al$/i.test(name))
  if (names.length === 0) {
    return []
  }
  return names.every((name) => VANCOUVER_NAME.test(name))
    ? names.map((name): Person => ({ '@type': 'Person', name }))
    : [{ '@type': 'Organization', name: (authors ?? '').trim() }]
}

const identifiers = (source: CitableSource): PropertyValue[] => [
  ...(source.doi
    ? [
        {
          '@type': 'PropertyValue' as const,
          propertyID: 'DOI',
          value: source.doi,
          url: `https://doi.org/${source.doi}`,
        },
      ]
    : []),
  ...(source.pmid
    ? [
        {
          '@type': 'PropertyValue' as const,
          propertyID: 'PMID',
          value: source.pmid,
          url: `https://pubmed.ncbi.nlm.nih.gov/${source.pmid}/`,
        },
      ]
    : []),
]

/**
 * A cited source: a ScholarlyArticle (with its journal as `isPartOf`) when it has a DOI or PMID or
 * is a study, otherwise a CreativeWork with its `publisher`.
 */
export const citationOf = (source: CitableSource): CreativeWork => {
  const identifier = identifiers(source)
  const author = citationAuthors(source.authors)
  const url = source.url || (source.doi ? `https://doi.org/${source.doi}` : null)
  const common = {
    ...(source.title ? { name: source.title } : {}),
    ...(author.length ? { author } : {}),
    ...(source.year ? { datePublished: String(source.year) } : {}),
    ...(url ? { url } : {}),
    ...(identifier.length ? { identifier } : {}),
  }
  const isScholarly =
    identifier.length > 0 || (source.sourceType ? JOURNAL_TYPES.has(source.sourceType) : false)
  return isScholarly
    ? {
        '@type': 'ScholarlyArticle',
        ...common,
        ...(source.publisher
          ? { isPartOf: { '@type': 'Periodical', name: source.publisher } }
          : {}),
      }
    : {
        '@type': 'CreativeWork',
        ...common,
        ...(source.publisher ? { publisher: organization(source.publisher) } : {}),
      }
}

const publisherOf = (publisher: PublisherInfo): Organization | undefined =>
  publisher.name
    ? {
        '@type': 'Organization',
        name: publisher.name,
        ...(publisher.logoUrl ? { logo: { '@type': 'ImageObject', url: publisher.logoUrl } } : {}),
        ...(publisher.editorialPolicyUrl
          ? { publishingPrinciples: publisher.editorialPolicyUrl }
          : {}),
        ...(publisher.fundingStatement ? { ownershipFundingInfo: publisher.fundingStatement } : {}),
      }
    : undefined

/**
 * When the page last changed for a reader: the latest of its first publish, its last medical
 * review and the publish of its live version (every republish). Not `updatedAt`, which
 * bookkeeping such as the review-due sweep also moves.
 */
export const dateModifiedOf = (dates: (string | null | undefined)[]): string | null =>
  dates
    .filter((date): date is string => Boolean(date))
    .reduce<string | null>(
      (latest, date) => (latest === null || Date.parse(date) > Date.parse(latest) ? date : latest),
      null,
    )

/** schema.org MedicalWebPage: what search engines read for "reviewed by" and "last reviewed". */
export const medicalWebPage = ({
  article,
  sources,
  publisher,
  language,
  liveSince,
}: {
  article: JsonLdInput
  sources: CitableSource[]
  publisher: PublisherInfo
  language: string
  /** When the live version was published; null for a draft. */
  liveSince: string | null
}): WithContext<MedicalWebPage> => {
  const dateModified = dateModifiedOf([article.publishedAt, article.lastReviewedAt, liveSince])
  const author = article.author
    ? person({
        name: article.author.name,
        url: article.author.url,
        jobTitle: article.author.profession,
        affiliation: article.author.affiliation,
      })
    : undefined
  const reviewer = article.medicalReviewer
    ? person({
        name: article.medicalReviewer.name,
        url: article.medicalReviewer.url,
        honorific: article.medicalReviewer.honorific,
        jobTitle: article.medicalReviewer.position,
        affiliation: article.medicalReviewer.affiliation,
        qualifications: article.medicalReviewer.qualifications,
      })
    : undefined
  const publishedBy = publisherOf(publisher)
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    ...(article.url ? { '@id': article.url, url: article.url, mainEntityOfPage: article.url } : {}),
    headline: article.title,
    name: article.title,
    ...(article.summary ? { description: article.summary } : {}),
    inLanguage: language,
    ...(article.heroImage?.url ? { image: article.heroImage.url } : {}),
    ...(author ? { author } : {}),
    ...(reviewer ? { reviewedBy: reviewer } : {}),
    ...(article.lastReviewedAt ? { lastReviewed: day(article.lastReviewedAt) } : {}),
    ...(article.publishedAt ? { datePublished: day(article.publishedAt) } : {}),
    ...(dateModified ? { dateModified: day(dateModified) } : {}),
    medicalAudience: AUDIENCE[article.audience],
    citation: sources.map(citationOf),
    about: article.topics.map(topic),
    ...(publishedBy ? { publisher: publishedBy } : {}),
  }
}
