'use client'
import React, { useEffect, useRef, useState } from 'react'

import { CommentThread } from './CommentThread'
import { useComments } from './useComments'
import type { CommentThread as Thread } from './useComments'

type Filter = 'open' | 'resolved' | 'all'

const FILTERS: { filter: Filter; label: string }[] = [
  { filter: 'open', label: 'Open' },
  { filter: 'resolved', label: 'Resolved' },
  { filter: 'all', label: 'All' },
]

const shows = (filter: Filter, thread: Thread) => filter === 'all' || thread.status === filter

/** Scrolls the passage of a thread into view in the reading view and highlights it a moment. */
export const showPassage = (id: number | string) => {
  const mark = document.querySelector<HTMLElement>(`mark[data-comment-id="${String(id)}"]`)
  if (!mark) {
    return
  }
  mark.scrollIntoView({ block: 'center', behavior: 'smooth' })
  document
    .querySelector<HTMLElement>(`.signoff-comment--margin[data-comment-id="${String(id)}"]`)
    ?.focus({ preventScroll: true })
}

/**
 * The review conversation in the workflow panel: every thread with its replies, Open, Resolved or
 * All, reply and resolve in place. The writer answers here; the reviewer sees what is left.
 */
export const ReviewComments = () => {
  const { id, answer, focus, isReadingViewShown } = useComments()
  const [filter, setFilter] = useState<Filter>('open')
  const sectionRef = useRef<HTMLElement>(null)
  const shownFocus = useRef(0)

  // A refusal's "Show the comment": switch to a list that has it, then go to it.
  useEffect(() => {
    if (!focus || !answer || focus.at === shownFocus.current) {
      return
    }
    const thread = answer.threads.find((t) => String(t.id) === String(focus.id))
    if (thread && !shows(filter, thread)) {
      setFilter(thread.status)
      return
    }
    shownFocus.current = focus.at
    const card = sectionRef.current?.querySelector<HTMLElement>(
      `[data-comment-id="${String(focus.id)}"]`,
    )
    card?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
    card?.focus({ preventScroll: true })
  }, [focus, answer, filter])

  if (!id) {
    return null
  }
  if (answer === undefined) {
    return <p className="signoff-review-comments">Loading comments…</p>
  }
  if (answer === null) {
    return (
      <p role="alert" className="signoff-review-comments">
        Could not load the review comments: reload the page.
      </p>
    )
  }
  const counts: Record<Filter, number> = {
    open: answer.open,
    resolved: answer.resolved,
    all: answer.open + answer.resolved,
  }
  const listed = answer.threads.filter((thread) => shows(filter, thread))
  const current = listed.filter((thread) => thread.anchor.state !== 'outdated')
  const outdated = listed.filter((thread) => thread.anchor.state === 'outdated')
  const renderThread = (thread: Thread) => (
    <li key={thread.id}>
      <CommentThread
        article={id}
        thread={thread}
        place="panel"
        {...(isReadingViewShown ? { onShowPassage: () => showPassage(thread.id) } : {})}
      />
    </li>
  )
  return (
    <section
      ref={sectionRef}
      className="signoff-review-comments"
      aria-labelledby="signoff-review-comments-title"
    >
      <h5 id="signoff-review-comments-title">Review comments</h5>
      <div className="signoff-comment-filters" role="group" aria-label="Show comments">
        {FILTERS.map((option) => (
          <button
            key={option.filter}
            type="button"
            className="signoff-comment-filter"
            data-comment-filter={option.filter}
            aria-pressed={filter === option.filter}
            onClick={() => setFilter(option.filter)}
          >
            {option.label} <span className="signoff-comment-count">{counts[option.filter]}</span>
          </button>
        ))}
      </div>
      {listed.length === 0 ? (
        <p className="signoff-comment-none">
          {filter === 'open'
            ? answer.canStartThreads
              ? 'No open comments. Select text in the reading view to comment on it.'
              : 'No open comments.'
            : filter === 'resolved'
              ? 'No resolved comments.'
              : 'No comments yet.'}
        </p>
      ) : null}
      <ol className="signoff-comment-list">{current.map(renderThread)}</ol>
      {outdated.length ? (
        <>
          <h6 className="signoff-comment-list-heading">Outdated: the passage was changed</h6>
          <ol className="signoff-comment-list signoff-comment-list--outdated">
            {outdated.map(renderThread)}
          </ol>
        </>
      ) : null}
    </section>
  )
}
