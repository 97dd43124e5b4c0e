import type { Payload, PayloadRequest } from 'payload'

import { queueNotification } from './queueNotification'

type Id = number | string

/**
 * For the comments room: a comment on an article tells its writer; a reply also tells the author
 * of the comment replied to. The one who wrote it is never told. Takes plain data.
 */
export const notifyComment = async ({
  payload,
  req,
  comment,
}: {
  payload: Payload
  req?: PayloadRequest
  comment: {
    article: Id
    author: Id
    /** The comment replied to, with its author, when this is a reply. */
    parent?: { author: Id | null } | null
  }
}): Promise<void> => {
  const parentAuthor = comment.parent?.author ?? null
  await queueNotification({
    payload,
    req,
    event: comment.parent ? 'commentReplied' : 'commentAdded',
    articleId: comment.article,
    actorId: comment.author,
    threadParty: parentAuthor === null ? [] : [parentAuthor],
  })
}
