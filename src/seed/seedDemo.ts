import type { Payload, PayloadRequest } from 'payload'

import { evidenceOf } from '@/workflow/evidence'
import { contentFingerprint } from '@/workflow/fingerprint'
import { nextReviewDue, reviewStatusOf } from '@/workflow/reviewDates'
import { seedArticle } from './fixture'
import { placeholderPng } from './placeholderImage'
import { blocksToSlate, textToSlate } from './toSlate'

export const DEMO_ACCOUNTS = [
  { email: 'admin@example.com', name: 'Ada Admin', roles: ['admin'] },
  { email: 'editor@example.com', name: 'Eddie Editor', roles: ['editor'] },
  { email: 'writer@example.com', name: 'Nikita Mistry', roles: ['writer'] },
  { email: 'reviewer@example.com', name: 'Gina Arena', roles: ['reviewer'] },
] as const

type SeedResult = {
  articleId: number | string
  createdArticle: boolean
  demoAccounts: string[]
}

/** Signoff's own writes: hooks let the seed set review dates that the workflow normally owns. */
const seedContext = { editorialTransition: 'seed' }

const findOne = async (
  payload: Payload,
  collection:
    | 'topics'
    | 'authors'
    | 'medical-reviewers'
    | 'sources'
    | 'disclaimers'
    | 'media'
    | 'users'
    | 'articles',
  field: string,
  value: string,
) => {
  const { docs } = await payload.find({
    collection,
    where: { [field]: { equals: value } },
    limit: 1,
    depth: 0,
    draft: collection === 'articles' ? false : undefined,
    overrideAccess: true,
  })
  return docs[0] ?? null
}

/**
 * Imports the seed article with its people, sources, disclaimer and review dates, and outside
 * production the four demo accounts. Running it again changes nothing that already exists.
 */
export const seedDemo = async ({
  payload,
  demoPassword,
  withDemoAccounts,
  reviewIntervalMonths,
  now = new Date(),
  req,
}: {
  payload: Payload
  demoPassword: string
  withDemoAccounts: boolean
  reviewIntervalMonths: number
  now?: Date
  req?: Partial<PayloadRequest>
}): Promise<SeedResult> => {
  const base = { overrideAccess: true, context: seedContext, req } as const
  // Types are generated for SQLite's numeric ids; MongoDB's string ids pass through unchanged.
  const ensure = async (
    existing: Promise<unknown>,
    create: () => Promise<{ id: number }>,
  ): Promise<{ id: number }> => ((await existing) as { id: number } | null) ?? create()

  const topic = await ensure(findOne(payload, 'topics', 'slug', seedArticle.topic.slug), () =>
    payload.create({ ...base, collection: 'topics', data: seedArticle.topic }),
  )
  const author = await ensure(findOne(payload, 'authors', 'slug', seedArticle.author.slug), () =>
    payload.create({ ...base, collection: 'authors', data: seedArticle.author }),
  )
  const credentialsVerifiedUntil = new Date(now)
  credentialsVerifiedUntil.setUTCFullYear(credentialsVerifiedUntil.getUTCFullYear() + 1)
  const reviewer = await ensure(
    findOne(payload, 'medical-reviewers', 'slug', seedArticle.medicalReviewer.slug),
    () =>
      payload.create({
        ...base,
        collection: 'medical-reviewers',
        data: {
          ...seedArticle.medicalReviewer,
          specialties: [topic.id],
          credentialsVerifiedUntil: credentialsVerifiedUntil.toISOString(),
        },
      }),
  )
  const sources = []
  for (const source of seedArticle.sources) {
    sources.push(
      await ensure(findOne(payload, 'sources', 'title', source.title), () =>
        payload.create({ ...base, collection: 'sources', data: source }),
      ),
    )
  }
  const disclaimer = await ensure(
    findOne(payload, 'disclaimers', 'title', seedArticle.disclaimer.title),
    () =>
      payload.create({
        ...base,
        collection: 'disclaimers',
        data: {
          title: seedArticle.disclaimer.title,
          text: textToSlate(seedArticle.disclaimer.text),
          isDefault: true,
        },
      }),
  )
  const publisher = await payload.findGlobal({ slug: 'publisher', overrideAccess: true })
  if (!publisher.name) {
    await payload.updateGlobal({ ...base, slug: 'publisher', data: seedArticle.publisher })
  }
  const heroImage = await ensure(findOne(payload, 'media', 'alt', seedArticle.heroImageAlt), () => {
    const data = placeholderPng({ width: 120, height: 63, rgb: [214, 228, 240] })
    return payload.create({
      ...base,
      collection: 'media',
      data: { alt: seedArticle.heroImageAlt },
      file: { data, mimetype: 'image/png', name: `${seedArticle.slug}.png`, size: data.length },
    })
  })

  const demoAccounts: string[] = []
  if (withDemoAccounts) {
    for (const account of DEMO_ACCOUNTS) {
      const existing = await findOne(payload, 'users', 'email', account.email)
      const links = {
        author: account.email === 'writer@example.com' ? author.id : undefined,
        medicalReviewer: account.email === 'reviewer@example.com' ? reviewer.id : undefined,
      }
      if (!existing) {
        const user = await payload.create({
          ...base,
          collection: 'users',
          data: { ...account, roles: [...account.roles], password: demoPassword, ...links },
        })
        if (links.author) {
          await payload.update({
            ...base,
            collection: 'authors',
            id: author.id,
            data: { user: user.id },
          })
        }
        if (links.medicalReviewer) {
          await payload.update({
            ...base,
            collection: 'medical-reviewers',
            id: reviewer.id,
            data: { user: user.id },
          })
        }
      }
      demoAccounts.push(account.email)
    }
  }

  const existingArticle = await findOne(payload, 'articles', 'slug', seedArticle.slug)
  if (existingArticle) {
    return { articleId: existingArticle.id, createdArticle: false, demoAccounts }
  }
  const lastReviewedAt = new Date(`${seedArticle.reviewedOn}T00:00:00.000Z`)
  const due = nextReviewDue({ lastReviewedAt, months: reviewIntervalMonths })
  const content = {
    title: seedArticle.title,
    slug: seedArticle.slug,
    summary: seedArticle.summary,
    heroImage: heroImage.id,
    body: blocksToSlate(seedArticle.body),
    keyMessages: seedArticle.keyMessages.map((message) => ({ message })),
    topics: [topic.id],
    author: author.id,
    medicalReviewer: reviewer.id,
    sources: sources.map((source) => source.id),
    disclaimer: disclaimer.id,
  }
  // The published article was signed off as it is imported, evidence included.
  const signedEvidence = evidenceOf({ sources, heroImage })
  const article = await payload.create({
    ...base,
    collection: 'articles',
    draft: false,
    data: {
      ...content,
      signedEvidence,
      approvedFingerprint: contentFingerprint({ content, evidence: signedEvidence }),
      stage: 'published',
      _status: 'published',
      publishedAt: new Date(`${seedArticle.publishedOn}T00:00:00.000Z`).toISOString(),
      lastReviewedAt: lastReviewedAt.toISOString(),
      nextReviewDue: due.toISOString(),
      reviewStatus: reviewStatusOf({ nextReviewDue: due, now }),
    },
  })
  return { articleId: article.id, createdArticle: true, demoAccounts }
}
