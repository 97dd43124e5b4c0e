import type { Payload, PayloadRequest, Where } from 'payload'

import { idOf } from '@/shared/idOf'
import { areCredentialsCurrent } from '@/workflow/credentials'

import type { Audience } from './recipients'

type Id = number | string
type Reads = { payload: Payload; req?: PayloadRequest }

/** The facts about an article that say who hears of it: its latest version, drafts included. */
export type ArticleFacts = {
  id: Id
  title: string
  medicalReviewer: Id | null
  createdBy: Id | null
  author: Id | null
}

export const loadArticleFacts = async ({
  payload,
  req,
  id,
}: Reads & { id: Id }): Promise<ArticleFacts | null> => {
  const doc = await payload.findByID({
    collection: 'articles',
    id,
    draft: true,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    select: { title: true, medicalReviewer: true, createdBy: true, author: true },
    req,
  })
  const live = await payload.findByID({
    collection: 'articles',
    id,
    draft: false,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    select: { reReviewer: true },
    req,
  })
  return doc
    ? {
        id: doc.id,
        title: doc.title,
        // A re-review an editor asked for goes to that reviewer (set on the live version).
        medicalReviewer: idOf(live?.reReviewer) ?? idOf(doc.medicalReviewer),
        createdBy: idOf(doc.createdBy),
        author: idOf(doc.author),
      }
    : null
}

const userIds = async ({ payload, req, where }: Reads & { where: Where }): Promise<Id[]> =>
  (
    await payload.find({
      collection: 'users',
      where,
      pagination: false,
      depth: 0,
      overrideAccess: true,
      select: { name: true },
      req,
    })
  ).docs.map((user) => user.id)

/** The accounts of a profile: those linked to it, and the one the profile names. */
const accountsOf = async ({
  payload,
  req,
  collection,
  id,
}: Reads & { collection: 'authors' | 'medical-reviewers'; id: Id | null }): Promise<Id[]> => {
  if (id === null) {
    return []
  }
  const profile = await payload.findByID({
    collection,
    id,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  const field = collection === 'authors' ? 'author' : 'medicalReviewer'
  const linked = await userIds({ payload, req, where: { [field]: { equals: id } } })
  const named = idOf(profile?.user)
  return named === null ? linked : [...linked, named]
}

/** Reviewers whose credentials let them approve today (the approve guard's own rule). */
const currentReviewers = async ({ payload, req, now }: Reads & { now: Date }): Promise<Id[]> => {
  const { docs } = await payload.find({
    collection: 'users',
    where: { and: [{ roles: { in: ['reviewer'] } }, { medicalReviewer: { exists: true } }] },
    pagination: false,
    depth: 1,
    overrideAccess: true,
    select: { medicalReviewer: true },
    populate: { 'medical-reviewers': { credentialsVerifiedUntil: true } },
    req,
  })
  return docs
    .filter((user) => {
      const profile = user.medicalReviewer
      return (
        typeof profile === 'object' &&
        profile !== null &&
        areCredentialsCurrent({ verifiedUntil: profile.credentialsVerifiedUntil, now })
      )
    })
    .map((user) => user.id)
}

/** Resolves each audience to account ids, from the article, the reviewer profile or the caller. */
export const loadPeople = async ({
  payload,
  req,
  audiences,
  article,
  reviewerId,
  threadParty,
  now,
}: Reads & {
  audiences: Audience[]
  article: ArticleFacts | null
  reviewerId: Id | null
  threadParty: Id[]
  now: Date
}): Promise<Partial<Record<Audience, Id[]>>> => {
  const resolve: Record<Audience, () => Promise<Id[]>> = {
    writer: async () => [
      ...(article?.createdBy != null ? [article.createdBy] : []),
      ...(await accountsOf({ payload, req, collection: 'authors', id: article?.author ?? null })),
    ],
    assignedReviewer: () =>
      accountsOf({
        payload,
        req,
        collection: 'medical-reviewers',
        id: article?.medicalReviewer ?? null,
      }),
    currentReviewers: () => currentReviewers({ payload, req, now }),
    editors: () => userIds({ payload, req, where: { roles: { in: ['editor'] } } }),
    admins: () => userIds({ payload, req, where: { roles: { in: ['admin'] } } }),
    credentialHolder: () =>
      accountsOf({ payload, req, collection: 'medical-reviewers', id: reviewerId }),
    threadParty: async () => threadParty,
  }
  const people: Partial<Record<Audience, Id[]>> = {}
  for (const audience of audiences) {
    people[audience] = await resolve[audience]()
  }
  return people
}
