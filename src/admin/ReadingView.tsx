'use client'
import { useAuth, useDocumentInfo } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import type { User } from '@payload-types'
import { hasRole } from '@/shared/roles'
import { ChangesSinceReview } from './ChangesSinceReview'
import { CommentableReading } from './CommentableReading'
import { setReadingViewShown } from './useComments'
import { getJson, useWorkflowPanel } from './useWorkflowPanel'
import type { Loaded, ReadingViewArticle } from './useWorkflowPanel'

/**
 * The latest draft as readers will see it (the server renders it), with what changed since the
 * reviewer's last decision above it and the review comments beside their passages. Open from the
 * start for reviewers: reading is their work.
 */
export const ReadingView = () => {
  const { user } = useAuth<User>()
  const [choice, setChoice] = useState<boolean | null>(null)
  const isOpen = choice ?? hasRole(user, 'reviewer')
  const { lastUpdateTime } = useDocumentInfo()
  const { id, panel } = useWorkflowPanel({ isWanted: isOpen })
  const [article, setArticle] = useState<Loaded<ReadingViewArticle>>(undefined)

  useEffect(() => {
    if (!id || !isOpen) {
      return
    }
    let isCurrent = true
    void getJson<ReadingViewArticle>({ path: `/api/articles/${id}/reading-view` }).then(
      (answer) => {
        if (isCurrent) {
          setArticle(answer)
        }
      },
    )
    return () => {
      isCurrent = false
    }
  }, [id, isOpen, lastUpdateTime])

  const isShown = Boolean(id && isOpen && article)
  useEffect(() => {
    if (id) {
      setReadingViewShown({ article: id, isShown })
    }
  }, [id, isShown])

  if (!id) {
    return null
  }
  return (
    <div className="signoff-reading-view-panel" style={{ marginBottom: 24 }}>
      <button
        type="button"
        className="btn btn--style-secondary btn--size-small"
        data-reading-view-toggle={isOpen ? 'hide' : 'show'}
        aria-expanded={isOpen}
        onClick={() => setChoice(!isOpen)}
        style={{ margin: '0 0 12px' }}
      >
        {isOpen ? 'Hide the reading view' : 'Show as readers will see it'}
      </button>
      {isOpen ? (
        <>
          {panel ? <ChangesSinceReview panel={panel} /> : null}
          {article === undefined ? <p>Loading the reading view…</p> : null}
          {article === null ? (
            <p role="alert">Could not load the reading view: reload the page.</p>
          ) : null}
          {article ? <CommentableReading article={article} /> : null}
        </>
      ) : null}
    </div>
  )
}
