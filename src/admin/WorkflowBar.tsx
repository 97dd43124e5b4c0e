'use client'
import { useDocumentInfo } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

import type { EditorialStage } from '@/workflow/stages'
import { StageBadge } from './StageBadge'

type Refusal = { code: string; message: string; rules?: { rule: string; message: string }[] }
type HistoryEntry = { action: string; actorName: string | null; note: string | null; at: string }
type WorkflowState = {
  stage: EditorialStage
  actions: { action: string; label: string }[]
  history: HistoryEntry[]
  reviewerWarning: string | null
  reviewFlags: { code: string; message: string }[]
}

const api = (path: string, init?: RequestInit) =>
  fetch(`/api/articles/${path}`, { credentials: 'include', ...init })

/** The refusal messages as a person should read them: one line each, failing publish rules listed. */
const messagesOf = (errors: Refusal[]): string[] =>
  errors.flatMap((error) =>
    error.rules?.length ? error.rules.map((rule) => rule.message) : [error.message],
  )

/**
 * The article's place in the editorial workflow, and only the actions this person may take now.
 * Every decision goes to POST /api/articles/:id/workflow; the server decides, this shows.
 */
export const WorkflowBar = () => {
  const { id } = useDocumentInfo()
  const [state, setState] = useState<WorkflowState | null>(null)
  const [note, setNote] = useState('')
  const [problems, setProblems] = useState<string[]>([])
  const [isBusy, setIsBusy] = useState(false)

  const load = useCallback(async () => {
    if (!id) {
      return
    }
    const res = await api(`${id}/workflow`)
    if (res.ok) {
      setState((await res.json()) as WorkflowState)
    }
  }, [id])

  useEffect(() => {
    void load()
  }, [load])

  const act = async (action: string) => {
    setIsBusy(true)
    setProblems([])
    const res = await api(`${id}/workflow`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action, note }),
    })
    if (res.ok) {
      // The form holds the old stage and dates: load the article afresh.
      window.location.reload()
      return
    }
    const body = (await res.json().catch(() => ({}))) as { errors?: Refusal[] }
    setProblems(
      body.errors?.length ? messagesOf(body.errors) : [`The server answered ${res.status}.`],
    )
    setIsBusy(false)
  }

  const preview = async () => {
    const res = await api(`${id}/preview-link`)
    if (res.ok) {
      const { url } = (await res.json()) as { url: string }
      window.open(url, '_blank', 'noopener')
    } else {
      setProblems(['Could not create a preview link.'])
    }
  }

  if (!id) {
    return (
      <div className="signoff-workflow" style={{ marginBottom: 24 }}>
        <p>Save the draft to start the medical review workflow.</p>
      </div>
    )
  }
  if (!state) {
    return <div className="signoff-workflow">Loading workflow…</div>
  }
  const canRequestChanges = state.actions.some((a) => a.action === 'request-changes')
  return (
    <div className="signoff-workflow" data-stage={state.stage} style={{ marginBottom: 24 }}>
      <h4 style={{ margin: '0 0 8px' }}>Editorial workflow</h4>
      <div style={{ marginBottom: 12 }}>
        <StageBadge stage={state.stage} />
      </div>
      {state.reviewerWarning ? (
        <p role="alert" className="signoff-reviewer-warning" style={{ color: '#991b1b' }}>
          {state.reviewerWarning}
        </p>
      ) : null}
      {state.reviewFlags.length ? (
        <ul
          role="alert"
          className="signoff-review-flags"
          style={{ color: '#92400e', paddingLeft: 18 }}
        >
          {state.reviewFlags.map((flag) => (
            <li key={flag.code}>{flag.message}</li>
          ))}
        </ul>
      ) : null}
      {canRequestChanges ? (
        <textarea
          aria-label="Note for the writer"
          name="workflow-note"
          placeholder="What needs to change? (required to request changes)"
          value={note}
          onChange={(event) => setNote(event.target.value)}
          rows={3}
          style={{ width: '100%', marginBottom: 8 }}
        />
      ) : null}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {state.actions.map(({ action, label }) => (
          <button
            key={action}
            type="button"
            className="btn btn--style-primary btn--size-small"
            data-workflow-action={action}
            disabled={isBusy}
            onClick={() => void act(action)}
          >
            {action === 'submit' ? 'Submit for medical review' : label}
          </button>
        ))}
        <button
          type="button"
          className="btn btn--style-secondary btn--size-small"
          data-workflow-action="preview"
          onClick={() => void preview()}
        >
          Preview
        </button>
      </div>
      {problems.length ? (
        <ul role="alert" className="signoff-refusals" style={{ color: '#991b1b', paddingLeft: 18 }}>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      <h5 style={{ margin: '16px 0 4px' }}>Review history</h5>
      {state.history.length ? (
        <ol className="signoff-history" style={{ paddingLeft: 18, margin: 0 }}>
          {state.history.map((entry) => (
            <li key={`${entry.at}-${entry.action}`} style={{ marginBottom: 6 }}>
              <strong>{entry.action}</strong> by {entry.actorName ?? 'someone'},{' '}
              {new Date(entry.at).toLocaleString()}
              {entry.note ? <div className="signoff-history-note">“{entry.note}”</div> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p style={{ margin: 0 }}>No decisions yet.</p>
      )}
    </div>
  )
}
