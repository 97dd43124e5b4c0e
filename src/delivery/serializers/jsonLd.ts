type JsonLdInput = {
  title: string
  slug: string | null
  summary: string | null
  publishedAt: string | null
  lastReviewedAt: string | null
  topics: { name: string }[]
  author: { name: string; profession: string | null; affiliation: string | null } | null
  medicalReviewer: { name: string; position: string | null; affiliation: string | null } | null
  sources: { citation: string }[]
  heroImage: { url: string | null } | null
}

const person = (p: { name: string; affiliation: string | null }, jobTitle: string | null) => ({
  '@type': 'Person',
  name: p.name,
  ...(jobTitle ? { jobTitle } : {}),
  ...(p.affiliation ? { affiliation: { '@type': 'Organization', name: p.affiliation } } : {}),
})

/** schema.org MedicalWebPage: what search engines read for "reviewed by" and "last reviewed". */
export const medicalWebPage = ({
  article,
  origin,
  publisherName,
}: {
  article: JsonLdInput
  origin: string
  publisherName?: string | null
}) => ({
  '@context': 'https://schema.org',
  '@type': 'MedicalWebPage',
  headline: article.title,
  ...(article.summary ? { description: article.summary } : {}),
  ...(article.slug ? { url: `${origin}/content/v1/articles/${article.slug}` } : {}),
  ...(article.heroImage?.url ? { image: article.heroImage.url } : {}),
  author: article.author ? person(article.author, article.author.profession) : undefined,
  reviewedBy: article.medicalReviewer
    ? person(article.medicalReviewer, article.medicalReviewer.position)
    : undefined,
  lastReviewed: article.lastReviewedAt?.slice(0, 10),
  datePublished: article.publishedAt?.slice(0, 10),
  citation: article.sources.map((source) => source.citation),
  about: article.topics.map((topic) => ({ '@type': 'MedicalCondition', name: topic.name })),
  ...(publisherName ? { publisher: { '@type': 'Organization', name: publisherName } } : {}),
})
