import type {
  CollectionBeforeOperationHook,
  CollectionBeforeValidateHook,
  PayloadRequest,
} from 'payload'

import type { Article, ReviewComment, User } from '@payload-types'
import { refused } from '@/shared/RefusedError'
import { idOf } from '@/shared/idOf'
import { anchorQuote, isAnchorOf, normalizeQuote } from '../anchor'
import type { Anchor } from '../anchor'
import { mayStartThread } from './mayStartThread'

export const MAX_QUOTE_LENGTH = 1000

const notFound = () =>
  refused({ code: 'NOT_FOUND', message: 'No article or comment with that id that you can see.' })

/** The article as this person may see it (its latest draft), or a 404. */
const articleFor = async ({ req, id }: { req: PayloadRequest; id: unknown }): Promise<Article> => {
  const articleId = idOf(id)
  const doc =
    articleId === null
      ? null
      : await req.payload.findByID({
          collection: 'articles',
          id: articleId,
          draft: true,
          depth: 0,
          overrideAccess: false,
          user: req.user,
          req,
          disableErrors: true,
        })
  if (!doc) {
    throw notFound()
  }
  return doc
}

const clientAnchor = (value: unknown): Anchor | null => {
  const anchor = value as Partial<Anchor> | null | undefined
  return anchor &&
    Array.isArray(anchor.blockPath) &&
    anchor.blockPath.every((step) => Number.isInteger(step) && step >= 0) &&
    Number.isInteger(anchor.start) &&
    Number.isInteger(anchor.end)
    ? { blockPath: anchor.blockPath, start: anchor.start as number, end: anchor.end as number }
    : null
}

/**
 * Someone who may not read a comment learns nothing of it: changing or deleting it answers 404,
 * as reading it does (Payload's own access check would say 403, telling it exists).
 */
export const hideUnreadableComments: CollectionBeforeOperationHook = async ({
  args,
  operation,
  req,
}) => {
  const id = (args as { id?: number | string }).id
  if ((operation !== 'update' && operation !== 'delete') || id === undefined || !req.user) {
    return args
  }
  const readable = await req.payload.findByID({
    collection: 'review-comments',
    id,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
    disableErrors: true,
  })
  if (!readable) {
    throw notFound()
  }
  return args
}

/**
 * A new comment or reply, completed by the server: its author, its article (a reply's is its
 * thread's), and for a new thread the anchor of its quote in the article's current body. A quote
 * that is not in the body is refused; an anchor sent by the admin is kept only when it points at
 * the quote.
 */
export const prepareComment: CollectionBeforeValidateHook<ReviewComment> = async ({
  data,
  operation,
  req,
}) => {
  if (operation !== 'create' || !data) {
    return data
  }
  const user = req.user as User | null
  if (!user) {
    // Only Signoff's own code creates comments without a person; it says everything itself.
    return data
  }
  const base = {
    ...data,
    author: user.id,
    authorName: user.name ?? user.email,
    status: 'open' as const,
    resolvedBy: null,
    resolvedAt: null,
  }
  if (data.parent !== undefined && data.parent !== null) {
    const parentId = idOf(data.parent)
    const parent =
      parentId === null
        ? null
        : await req.payload.findByID({
            collection: 'review-comments',
            id: parentId,
            depth: 0,
            overrideAccess: false,
            user,
            req,
            disableErrors: true,
          })
    if (!parent) {
      throw notFound()
    }
    // Replies hang off the thread's first comment: a thread is one level deep.
    const threadId = idOf(parent.parent) ?? parent.id
    // A reply has no passage of its own: quote and anchor belong to the thread.
    const reply: Partial<ReviewComment> = { ...base }
    delete reply.quote
    delete reply.anchor
    return { ...reply, parent: threadId, article: idOf(parent.article) as number }
  }
  const article = await articleFor({ req, id: data.article })
  if (!mayStartThread({ user, article })) {
    throw refused({
      code: 'ROLE_NOT_ALLOWED',
      message:
        "The article's medical reviewer and editors start comments; writers reply to them and resolve them.",
    })
  }
  const quote = typeof data.quote === 'string' ? normalizeQuote(data.quote) : ''
  if (!quote || quote.length > MAX_QUOTE_LENGTH) {
    throw refused({
      code: 'QUOTE_NOT_FOUND',
      message: `Quote the passage the comment is about ("quote": up to ${MAX_QUOTE_LENGTH} characters of the body).`,
    })
  }
  const sent = clientAnchor(data.anchor)
  const anchor =
    sent && isAnchorOf(article.body, sent, quote) ? sent : anchorQuote(article.body, quote)
  if (!anchor) {
    throw refused({
      code: 'QUOTE_NOT_FOUND',
      message: `"${quote.slice(0, 80)}" is not in the article's body as it is now; quote the text as it reads.`,
    })
  }
  return { ...base, article: article.id, quote, anchor, parent: null }
}
