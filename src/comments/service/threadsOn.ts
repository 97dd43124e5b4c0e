import type { PayloadRequest } from 'payload'

import type { Article, ReviewComment, User } from '@payload-types'
import { idOf } from '@/shared/idOf'
import { locateAnchor } from '../anchor'
import type { Anchor, LocatedAnchor } from '../anchor'
import { mayStartThread } from './mayStartThread'

export type CommentStatusFilter = 'open' | 'resolved' | 'all'

type Reply = {
  id: number | string
  body: string
  author: { id: number | string | null; name: string | null }
  createdAt: string
  isMine: boolean
}

export type Thread = Reply & {
  quote: string
  /** Where the passage is in the current draft: as anchored, moved, or outdated (gone). */
  anchor: LocatedAnchor
  status: 'open' | 'resolved'
  resolvedBy: number | string | null
  resolvedAt: string | null
  replies: Reply[]
}

/** Enough for any one review; an article with more threads shows the newest. */
const MAX_COMMENTS = 500

const asReply = (doc: ReviewComment, user: User): Reply => ({
  id: doc.id,
  body: doc.body,
  author: { id: idOf(doc.author), name: doc.authorName ?? null },
  createdAt: doc.createdAt,
  isMine: String(idOf(doc.author)) === String(user.id),
})

/**
 * The review conversation on an article as this person may read it: threads in the order their
 * passages appear in the body (outdated ones last), each with its replies, oldest first, and
 * whether this person may start a thread (the admin offers "Comment" on a selection only then).
 */
export const threadsOn = async ({
  req,
  user,
  article,
  status = 'all',
}: {
  req: PayloadRequest
  user: User
  article: Pick<Article, 'id' | 'body' | 'medicalReviewer'>
  status?: CommentStatusFilter
}): Promise<{ threads: Thread[]; open: number; resolved: number; canStartThreads: boolean }> => {
  const { docs } = await req.payload.find({
    collection: 'review-comments',
    where: { article: { equals: article.id } },
    sort: '-createdAt',
    limit: MAX_COMMENTS,
    depth: 0,
    overrideAccess: false,
    user,
    req,
  })
  const replies = new Map<string, Reply[]>()
  for (const doc of [...docs].reverse()) {
    const parent = idOf(doc.parent)
    if (parent !== null) {
      replies.set(String(parent), [...(replies.get(String(parent)) ?? []), asReply(doc, user)])
    }
  }
  const all: Thread[] = docs
    .filter((doc) => idOf(doc.parent) === null)
    .map((doc) => ({
      ...asReply(doc, user),
      quote: doc.quote ?? '',
      anchor: locateAnchor(article.body, {
        anchor: (doc.anchor as Anchor | null) ?? null,
        quote: doc.quote ?? '',
      }),
      status: doc.status ?? 'open',
      resolvedBy: idOf(doc.resolvedBy),
      resolvedAt: doc.resolvedAt ?? null,
      replies: replies.get(String(doc.id)) ?? [],
    }))
  const position = (thread: Thread): number[] =>
    thread.anchor.state === 'outdated'
      ? [Number.MAX_SAFE_INTEGER]
      : [...thread.anchor.blockPath, thread.anchor.start]
  const byPassage = (a: Thread, b: Thread): number => {
    const [pa, pb] = [position(a), position(b)]
    for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
      const d = (pa[i] ?? -1) - (pb[i] ?? -1)
      if (d !== 0) {
        return d
      }
    }
    return a.createdAt.localeCompare(b.createdAt)
  }
  return {
    threads: all.filter((t) => status === 'all' || t.status === status).sort(byPassage),
    open: all.filter((t) => t.status === 'open').length,
    resolved: all.filter((t) => t.status === 'resolved').length,
    canStartThreads: mayStartThread({ user, article }),
  }
}
