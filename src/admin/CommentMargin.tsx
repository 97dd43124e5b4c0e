'use client'
import React, { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'

import type { Anchor } from '@/comments/anchor'
import { CommentThread } from './CommentThread'
import type { CommentThread as Thread } from './useComments'
import { markPassage, unmarkPassages } from './passages'

/** Space between two comments pushed down by the one above. */
const GAP = 8

const isPlaced = (thread: Thread) => thread.anchor.state !== 'outdated'

/** What the highlights show: each placed thread's id, status and passage, and the draft's. */
type Passages = [[number | string, Thread['status'], Anchor][], Anchor | null]

/**
 * Each comment beside its passage: a card starts at the height of its highlight, or just under
 * the card above when that one reaches further. Stacked under the article (narrow screens), the
 * cards simply follow one another.
 */
const layOut = ({ list, body }: { list: HTMLElement; body: HTMLElement }) => {
  const cards = [...list.querySelectorAll<HTMLElement>(':scope > li')]
  cards.forEach((card) => {
    card.style.marginTop = ''
  })
  const isBeside = list.getBoundingClientRect().left >= body.getBoundingClientRect().right
  if (!isBeside) {
    return
  }
  let bottom = list.getBoundingClientRect().top
  cards.forEach((card, index) => {
    const mark = body.querySelector(`mark[data-comment-id="${card.dataset.threadId ?? ''}"]`)
    const wanted = mark ? mark.getBoundingClientRect().top : bottom
    card.style.marginTop = `${Math.max(index === 0 ? 0 : GAP, wanted - bottom)}px`
    bottom = card.getBoundingClientRect().bottom
  })
}

/**
 * The reading view's margin: the passages of the comments highlighted in the text, each comment
 * beside its passage (open ones, resolved ones on request), outdated comments listed apart.
 */
export const CommentMargin = ({
  article,
  threads,
  column,
  html,
  draft,
}: {
  article: number | string
  threads: Thread[]
  /** The reading column; its `.signoff-reading-body` holds the server's HTML. */
  column: React.RefObject<HTMLDivElement | null>
  /** The body's HTML: when it changes, the highlights are made again. */
  html: string
  /** The passage a comment is being written about. */
  draft: Anchor | null
}) => {
  const [isShowingResolved, setIsShowingResolved] = useState(false)
  const listRef = useRef<HTMLOListElement>(null)
  const resolvedCount = threads.filter((thread) => thread.status === 'resolved').length
  const shown = threads.filter((thread) => isShowingResolved || thread.status === 'open')
  const placed = shown.filter(isPlaced)
  const outdated = shown.filter((thread) => !isPlaced(thread))

  const bodyOf = useCallback(
    () => column.current?.querySelector<HTMLElement>('.signoff-reading-body') ?? null,
    [column],
  )

  const relayOut = useCallback(() => {
    const body = bodyOf()
    if (body && listRef.current) {
      layOut({ list: listRef.current, body })
    }
  }, [bodyOf])

  // Made again only when what they show changes: remaking them mid-selection would undo it.
  const passages = JSON.stringify([
    placed.map((thread) => [thread.id, thread.status, thread.anchor]),
    draft,
  ])

  // Highlights follow the threads shown; the margin follows the highlights.
  useLayoutEffect(() => {
    const body = bodyOf()
    if (!body) {
      return
    }
    unmarkPassages(body)
    const [shownPassages, draftPassage] = JSON.parse(passages) as Passages
    for (const [id, status, anchor] of shownPassages) {
      markPassage({ body, anchor, id, variant: status })
    }
    if (draftPassage) {
      markPassage({ body, anchor: draftPassage, id: 'draft', variant: 'draft' })
    }
    relayOut()
  }, [bodyOf, relayOut, passages, html])

  useEffect(() => {
    const body = bodyOf()
    if (!body || !listRef.current || typeof ResizeObserver === 'undefined') {
      return
    }
    const observer = new ResizeObserver(() => relayOut())
    observer.observe(body)
    observer.observe(listRef.current)
    return () => observer.disconnect()
  }, [bodyOf, relayOut, html])

  // A highlight clicked goes to its comment.
  useEffect(() => {
    const body = bodyOf()
    if (!body) {
      return
    }
    const onClick = (event: MouseEvent) => {
      const mark = (event.target as Element | null)?.closest?.('mark[data-comment-id]')
      const id = mark?.getAttribute('data-comment-id')
      if (id && id !== 'draft') {
        listRef.current
          ?.querySelector<HTMLElement>(`.signoff-comment[data-comment-id="${id}"]`)
          ?.focus({ preventScroll: true })
      }
    }
    body.addEventListener('click', onClick)
    return () => body.removeEventListener('click', onClick)
  }, [bodyOf, html])

  return (
    <aside className="signoff-comment-margin" aria-label="Comments on the passages">
      {resolvedCount ? (
        <button
          type="button"
          className="signoff-link-button"
          data-comment-margin-toggle
          aria-pressed={isShowingResolved}
          onClick={() => setIsShowingResolved(!isShowingResolved)}
        >
          {isShowingResolved
            ? 'Hide resolved comments'
            : `Show resolved comments (${resolvedCount})`}
        </button>
      ) : null}
      <ol ref={listRef} className="signoff-margin-list">
        {placed.map((thread) => (
          <li key={thread.id} data-thread-id={thread.id}>
            <CommentThread article={article} thread={thread} place="margin" />
          </li>
        ))}
      </ol>
      {outdated.length ? (
        <section className="signoff-margin-outdated">
          <h4>Outdated: the passage was changed</h4>
          <ol className="signoff-margin-list">
            {outdated.map((thread) => (
              <li key={thread.id}>
                <CommentThread article={article} thread={thread} place="margin" />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </aside>
  )
}
