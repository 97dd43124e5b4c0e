'use client'
import React, { useState } from 'react'

import { Refusals } from './Refusals'
import { replyTo, setThreadStatus } from './useComments'
import type { CommentThread as Thread } from './useComments'
import { formatDateTime } from './useWorkflowPanel'
import type { RefusalAnswer } from './useWorkflowPanel'

const Byline = ({ name, at }: { name: string | null; at: string }) => (
  <p className="signoff-comment-byline">
    <strong>{name ?? 'Someone'}</strong> <time dateTime={at}>{formatDateTime(at)}</time>
  </p>
)

/**
 * One review thread: the passage, the comment and its replies, a reply box and Resolve or Reopen.
 * The same card shows in the reading view's margin and in the workflow panel's list.
 */
export const CommentThread = ({
  article,
  thread,
  place,
  onShowPassage,
}: {
  article: number | string
  thread: Thread
  place: 'margin' | 'panel'
  onShowPassage?: () => void
}) => {
  const [isReplying, setIsReplying] = useState(false)
  const [reply, setReply] = useState('')
  const [isBusy, setIsBusy] = useState(false)
  const [refusals, setRefusals] = useState<RefusalAnswer[]>([])
  const isResolved = thread.status === 'resolved'
  const isOutdated = thread.anchor.state === 'outdated'
  const author = thread.author.name ?? 'Someone'

  // Busy buttons are aria-disabled, not disabled: a disabled button drops the keyboard focus.
  const run = async (change: () => Promise<{ refusals: RefusalAnswer[] }>) => {
    if (isBusy) {
      return false
    }
    setIsBusy(true)
    setRefusals([])
    const result = await change()
    setRefusals(result.refusals)
    setIsBusy(false)
    return result.refusals.length === 0
  }

  const sendReply = async () => {
    if (!reply.trim()) {
      setRefusals([{ code: 'EMPTY', message: 'Write a reply first.' }])
      return
    }
    if (await run(() => replyTo({ article, parent: thread.id, body: reply }))) {
      setReply('')
      setIsReplying(false)
    }
  }

  return (
    <article
      className={`signoff-comment signoff-comment--${place}${isResolved ? ' signoff-comment--resolved' : ''}`}
      data-comment-id={thread.id}
      data-comment-status={thread.status}
      data-anchor-state={thread.anchor.state}
      aria-label={`Comment by ${author}`}
      // Reachable by script when a mark or a refusal asks to show it, not a tab stop itself.
      tabIndex={-1}
    >
      {isOutdated ? (
        <p className="signoff-comment-outdated">Outdated: the passage was changed</p>
      ) : null}
      <blockquote className="signoff-comment-quote">{thread.quote}</blockquote>
      <Byline name={thread.author.name} at={thread.createdAt} />
      <p className="signoff-comment-body">{thread.body}</p>
      {thread.replies.length ? (
        <ol className="signoff-comment-replies" aria-label="Replies">
          {thread.replies.map((answer) => (
            <li key={answer.id} data-reply-id={answer.id}>
              <Byline name={answer.author.name} at={answer.createdAt} />
              <p className="signoff-comment-body">{answer.body}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {isResolved && thread.resolvedAt ? (
        <p className="signoff-comment-resolved">
          Resolved <time dateTime={thread.resolvedAt}>{formatDateTime(thread.resolvedAt)}</time>
        </p>
      ) : null}
      {isReplying ? (
        // Not a <form>: the admin's document form is around it, and forms do not nest.
        <div
          className="signoff-comment-reply"
          role="group"
          aria-label={`Reply to ${author}`}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setIsReplying(false)
            } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault()
              void sendReply()
            }
          }}
        >
          <textarea
            name="comment-reply"
            aria-label={`Reply to ${author}`}
            placeholder="Your reply"
            value={reply}
            onChange={(event) => setReply(event.target.value)}
            rows={3}
            // Opened by the Reply button: the box is where the person goes next.
            autoFocus
          />
          <div className="signoff-comment-actions">
            <button
              type="button"
              className="btn btn--style-primary btn--size-small"
              data-comment-action="send-reply"
              aria-disabled={isBusy}
              onClick={() => void sendReply()}
            >
              Send reply
            </button>
            <button
              type="button"
              className="btn btn--style-secondary btn--size-small"
              onClick={() => {
                setIsReplying(false)
                setRefusals([])
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="signoff-comment-actions">
          <button
            type="button"
            className="btn btn--style-secondary btn--size-small"
            data-comment-action="reply"
            onClick={() => setIsReplying(true)}
          >
            Reply
          </button>
          <button
            type="button"
            className="btn btn--style-secondary btn--size-small"
            data-comment-action={isResolved ? 'reopen' : 'resolve'}
            aria-disabled={isBusy}
            onClick={() =>
              void run(() =>
                setThreadStatus({
                  article,
                  id: thread.id,
                  status: isResolved ? 'open' : 'resolved',
                }),
              )
            }
          >
            {isResolved ? 'Reopen' : 'Resolve'}
          </button>
          {onShowPassage && !isOutdated ? (
            <button
              type="button"
              className="btn btn--style-secondary btn--size-small"
              data-comment-action="show-passage"
              onClick={onShowPassage}
            >
              Show passage
            </button>
          ) : null}
        </div>
      )}
      {refusals.length ? <Refusals refusals={refusals} /> : null}
    </article>
  )
}
