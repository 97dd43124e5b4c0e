'use client'
import React from 'react'

import { focusComment } from './useComments'
import type { RefusalAnswer } from './useWorkflowPanel'

type OpenComment = NonNullable<RefusalAnswer['comments']>[number]

/** The open comments an approval waits for, each one click from its thread. */
const OpenComments = ({
  article,
  comments,
}: {
  article?: number | string
  comments: OpenComment[]
}) => (
  <ul className="signoff-refusal-comments">
    {comments.map((comment) => (
      <li key={comment.id} data-comment-id={comment.id}>
        <q className="signoff-refusal-quote">{comment.quote}</q>{' '}
        <span>
          {comment.author ?? 'Someone'}: {comment.body}
        </span>{' '}
        {article !== undefined ? (
          <button
            type="button"
            className="signoff-link-button"
            onClick={() => focusComment({ article, id: comment.id })}
          >
            Show the comment
          </button>
        ) : null}
      </li>
    ))}
  </ul>
)

/**
 * Why the server said no, one line a reason: each failing publish rule on its own line, and for
 * an approval that waits on comments, the open comments themselves.
 */
export const Refusals = ({
  refusals,
  article,
}: {
  refusals: RefusalAnswer[]
  article?: number | string
}) => (
  <ul role="alert" className="signoff-refusals">
    {refusals.flatMap((refusal) =>
      refusal.rules?.length
        ? refusal.rules.map((rule) => (
            <li key={`${refusal.code}-${rule.rule}`} data-code={refusal.code} data-rule={rule.rule}>
              {rule.message}
            </li>
          ))
        : [
            <li key={refusal.code} data-code={refusal.code}>
              {refusal.message}
              {refusal.comments?.length ? (
                <OpenComments article={article} comments={refusal.comments} />
              ) : null}
            </li>,
          ],
    )}
  </ul>
)
