'use client'
import React, { useEffect, useRef, useState } from 'react'

import type { Anchor } from '@/comments/anchor'
import { CommentMargin } from './CommentMargin'
import { pickSelection } from './passages'
import type { Picked } from './passages'
import { ReaderArticle } from './ReaderArticle'
import { Refusals } from './Refusals'
import { startThread, useComments } from './useComments'
import type { ReadingViewArticle, RefusalAnswer } from './useWorkflowPanel'

/** Where a popover sits in the reading column: just under the selection, inside the column. */
type Place = { top: number; left: number }

/** The widest popover (the comment box); kept inside the column. */
const POPOVER_WIDTH = 320

const placeUnder = (rect: DOMRect, column: HTMLElement): Place => {
  const box = column.getBoundingClientRect()
  const left = Math.min(rect.left - box.left, box.width - POPOVER_WIDTH)
  return { top: rect.bottom - box.top + 6, left: Math.max(0, left) }
}

const shorten = (text: string, length = 80) =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text

/** The box for a new comment on the selected passage. */
const Composer = ({
  article,
  quote,
  anchor,
  place,
  onDone,
}: {
  article: number | string
  quote: string
  anchor: Anchor
  place: Place
  onDone: (saved?: number | string) => void
}) => {
  const [body, setBody] = useState('')
  const [refusals, setRefusals] = useState<RefusalAnswer[]>([])
  const [isBusy, setIsBusy] = useState(false)
  const textRef = useRef<HTMLTextAreaElement>(null)

  const save = async () => {
    if (isBusy) {
      return
    }
    if (!body.trim()) {
      setRefusals([{ code: 'EMPTY', message: 'Write the comment first.' }])
      return
    }
    setIsBusy(true)
    const result = await startThread({ article, quote, anchor, body })
    setIsBusy(false)
    if (result.refusals.length) {
      setRefusals(result.refusals)
      textRef.current?.focus()
    } else {
      onDone(result.id)
    }
  }

  return (
    // Not a <form>: the reading view sits inside Payload's document form, and forms do not nest.
    <div
      className="signoff-comment-composer"
      role="group"
      aria-label="New comment"
      style={{ top: place.top, left: place.left }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          onDone()
        } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault()
          void save()
        }
      }}
    >
      <label htmlFor="signoff-new-comment">
        Comment on <q>{shorten(quote)}</q>
      </label>
      <textarea
        ref={textRef}
        id="signoff-new-comment"
        name="comment-body"
        value={body}
        onChange={(event) => setBody(event.target.value)}
        rows={4}
        // The box opens because the person asked to write: take them there.
        autoFocus
      />
      {refusals.length ? <Refusals refusals={refusals} /> : null}
      <div className="signoff-comment-actions">
        <button
          type="button"
          className="btn btn--style-primary btn--size-small"
          data-comment-action="save"
          // aria-disabled, not disabled: a disabled button drops the keyboard focus.
          aria-disabled={isBusy}
          onClick={() => void save()}
        >
          Save comment
        </button>
        <button
          type="button"
          className="btn btn--style-secondary btn--size-small"
          onClick={() => onDone()}
        >
          Cancel
        </button>
      </div>
    </div>
  )
}

/**
 * The reading view with its review comments: passages highlighted, comments in the margin, and
 * for those who may start a thread (the server says who), a Comment button on any selection.
 */
export const CommentableReading = ({ article }: { article: ReadingViewArticle }) => {
  const { id, answer } = useComments()
  const columnRef = useRef<HTMLDivElement>(null)
  const [picked, setPicked] = useState<(Picked & { place: Place }) | null>(null)
  const [draft, setDraft] = useState<{ quote: string; anchor: Anchor; place: Place } | null>(null)
  const canStartThreads = answer?.canStartThreads === true

  useEffect(() => {
    if (!canStartThreads || draft) {
      return
    }
    const onSelectionChange = () => {
      const column = columnRef.current
      const body = column?.querySelector<HTMLElement>('.signoff-reading-body')
      const next = body ? pickSelection(body) : null
      setPicked(column && next ? { ...next, place: placeUnder(next.rect, column) } : null)
    }
    document.addEventListener('selectionchange', onSelectionChange)
    return () => document.removeEventListener('selectionchange', onSelectionChange)
  }, [canStartThreads, draft])

  const finish = (saved?: number | string) => {
    setDraft(null)
    setPicked(null)
    if (saved !== undefined) {
      // The new comment has just been rendered in the margin: go there.
      requestAnimationFrame(() =>
        columnRef.current?.parentElement
          ?.querySelector<HTMLElement>(`.signoff-comment--margin[data-comment-id="${saved}"]`)
          ?.focus(),
      )
    }
  }

  if (!id) {
    return <ReaderArticle article={article} />
  }
  return (
    <div className="signoff-reading-layout">
      <div ref={columnRef} className="signoff-reading-column">
        <ReaderArticle article={article} />
        {picked?.problem ? (
          <p
            role="status"
            className="signoff-selection-hint"
            style={{ top: picked.place.top, left: picked.place.left }}
          >
            {picked.problem}
          </p>
        ) : null}
        {picked?.quote && !draft ? (
          <button
            type="button"
            className="btn btn--style-primary btn--size-small signoff-comment-button"
            data-comment-action="start"
            style={{ top: picked.place.top, left: picked.place.left }}
            // Keep the selection: a mouse press on the button would otherwise clear it first.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              window.getSelection()?.removeAllRanges()
              setDraft({ quote: picked.quote, anchor: picked.anchor, place: picked.place })
            }}
          >
            Comment
          </button>
        ) : null}
        {draft ? (
          <Composer
            article={id}
            quote={draft.quote}
            anchor={draft.anchor}
            place={draft.place}
            onDone={finish}
          />
        ) : null}
      </div>
      {answer ? (
        <CommentMargin
          article={id}
          threads={answer.threads}
          column={columnRef}
          html={article.html}
          draft={draft?.anchor ?? null}
        />
      ) : null}
    </div>
  )
}
