import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'
import type { Payload, PayloadRequest } from 'payload'

import { renderAtEnd } from '@/delivery/readModel/renderAtEnd'
import { nextTurn } from '@/shared/nextTurn'
import { nextReviewDue, reviewStatusOf } from '@/workflow/reviewDates'

const WORDS =
  'pain back muscle spasm physiotherapy exercise posture lifting sitting sleep strain disc joint nerve spine treatment doctor assessment diagnosis imaging rest heat ice movement strength function recovery symptoms evidence review guideline activity walking daily care risk health'.split(
    ' ',
  )

const makeSentence = (seed: number, length: number): string => {
  const words = Array.from(
    { length },
    (_, i) => WORDS[(seed * 7 + i * 13) % WORDS.length] as string,
  )
  const text = words.join(' ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}

// A sentence depends on its seed modulo the number of words only: made once each, the seed's text
// costs nothing beside the articles' saves it times.
const sentences = new Map<string, string>()
const sentence = (seed: number, length: number): string => {
  const key = `${seed % WORDS.length} ${length}`
  let made = sentences.get(key)
  if (made === undefined) {
    made = makeSentence(seed, length)
    sentences.set(key, made)
  }
  return made
}

/** The disclaimer every bench article shows: the rerender case changes its text. */
export const BENCH_DISCLAIMER = 'Bench disclaimer'

/** About 1,500 words of Slate: headings, paragraphs with citations, a list. */
export const benchBody = (seed: number) => {
  const nodes: Record<string, unknown>[] = []
  for (let section = 0; section < 5; section += 1) {
    nodes.push({ type: 'h2', children: [{ text: sentence(seed + section, 5) }] })
    for (let p = 0; p < 3; p += 1) {
      const words = [0, 1, 2, 3, 4, 5]
        .map((s) => sentence(seed + section * 10 + p + s, 15))
        .join(' ')
      nodes.push({ children: [{ text: `${words} [${((section + p) % 5) + 1}]` }] })
    }
    nodes.push({
      type: 'ul',
      children: [0, 1, 2].map((i) => ({ type: 'li', children: [{ text: sentence(seed + i, 4) }] })),
    })
  }
  return nodes
}

/** What every bench article points at: made once, before the articles. */
export type BenchFixtures = {
  topics: number[]
  authors: number[]
  reviewers: number[]
  sources: number[]
  disclaimer: number
}

const seedContext = { editorialTransition: 'bench-seed' } as const

/** The topics, people, sources and disclaimer the bench articles share. */
export const seedBenchFixtures = async ({
  payload,
}: {
  payload: Payload
}): Promise<BenchFixtures> => {
  const seed = { overrideAccess: true, context: seedContext } as const
  const ids = async (collection: 'topics' | 'authors' | 'medical-reviewers', n: number) => {
    const made: number[] = []
    for (let i = 0; i < n; i += 1) {
      const doc = await payload.create({
        ...seed,
        collection,
        data: { name: `Bench ${collection} ${i}` },
      })
      made.push(doc.id)
    }
    return made
  }
  const topics = await ids('topics', 5)
  const authors = await ids('authors', 5)
  const reviewers = await ids('medical-reviewers', 5)
  const sources: number[] = []
  for (let i = 0; i < 50; i += 1) {
    const source = await payload.create({
      ...seed,
      collection: 'sources',
      data: {
        title: `Bench study ${i}`,
        authors: 'Bench A, Bench B',
        publisher: 'Journal of Benchmarks',
        year: 2000 + (i % 25),
        doi: `10.1000/bench.${i}`,
        sourceType: 'peer-reviewed-study',
      },
    })
    sources.push(source.id)
  }
  const disclaimer = await payload.create({
    ...seed,
    collection: 'disclaimers',
    data: {
      title: BENCH_DISCLAIMER,
      text: [{ children: [{ text: 'Not advice.' }] }],
      isDefault: true,
    },
  })
  return { topics, authors, reviewers, sources, disclaimer: disclaimer.id }
}

/** Articles made a batch at a time. */
const SEED_BATCH = 100

/** The slug of the bench's `i`-th article. */
export const benchSlug = (i: number): string => `bench-article-${i}`

/**
 * Creates `count` published articles (with authors, reviewers, 5 sources each, ~1,500-word
 * bodies) through the Local API, as an import would: review dates set, workflow hooks told it is
 * a seed. Returns their slugs.
 */
export const seedBenchArticles = async ({
  payload,
  fixtures,
  count,
  onProgress,
}: {
  payload: Payload
  fixtures: BenchFixtures
  count: number
  onProgress: (done: number) => void
}): Promise<string[]> => {
  const now = new Date()
  const { topics, authors, reviewers, sources, disclaimer } = fixtures
  const createOne = async (i: number, req: PayloadRequest) => {
    const reviewed = new Date(now.getTime() - (i % 700) * 86_400_000)
    const due = nextReviewDue({ lastReviewedAt: reviewed, months: 24 })
    await payload.create({
      overrideAccess: true,
      context: seedContext,
      collection: 'articles',
      draft: false,
      // The seed needs no populated copy of what it just wrote.
      depth: 0,
      req,
      data: {
        title: `Bench article ${i}: ${sentence(i, 4)}`,
        slug: benchSlug(i),
        summary: sentence(i, 20),
        body: benchBody(i),
        keyMessages: [{ message: sentence(i + 1, 12) }],
        topics: [topics[i % topics.length] as number],
        author: authors[i % authors.length] as number,
        medicalReviewer: reviewers[i % reviewers.length] as number,
        sources: [0, 1, 2, 3, 4].map((k) => sources[(i + k * 7) % sources.length] as number),
        disclaimer,
        _status: 'published',
        stage: 'published',
        publishedAt: reviewed.toISOString(),
        lastReviewedAt: reviewed.toISOString(),
        nextReviewDue: due.toISOString(),
        reviewStatus: reviewStatusOf({ nextReviewDue: due, now }),
      },
    })
  }
  // One transaction per batch: one commit (and fsync) per 100 articles instead of per article,
  // the request's loader fetches the shared authors, sources and disclaimer once per batch, and
  // the batch's renderings are made together, at its end.
  for (let start = 0; start < count; start += SEED_BATCH) {
    const end = Math.min(start + SEED_BATCH, count)
    const req = await createLocalReq({ context: { ...seedContext } }, payload)
    const shouldCommit = await initTransaction(req)
    try {
      await renderAtEnd({
        req,
        write: async () => {
          for (let i = start; i < end; i += 1) {
            await createOne(i, req)
          }
        },
      })
      if (shouldCommit) {
        await commitTransaction(req)
      }
    } catch (error) {
      await killTransaction(req)
      throw error
    }
    onProgress(end)
    // Without it the seed kept every SQLite statement it made: 2.6 GB at 10,000 articles.
    await nextTurn()
  }
  return Array.from({ length: count }, (_, i) => benchSlug(i))
}
