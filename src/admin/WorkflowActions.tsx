'use client'
import { useAuth, useDocumentInfo } from '@payloadcms/ui'
import React, { useState } from 'react'

import { Refusals } from './Refusals'
import { reloadComments } from './useComments'
import type { RefusalAnswer, WorkflowPanel } from './useWorkflowPanel'

/**
 * The actions the server offers this person now, as buttons. Each sends the fingerprint of the
 * content this page showed; approving also sends the attestation the reviewer ticked.
 */
export const WorkflowActions = ({ id, panel }: { id: number | string; panel: WorkflowPanel }) => {
  const [note, setNote] = useState('')
  const [isAttested, setIsAttested] = useState(false)
  const [refusals, setRefusals] = useState<RefusalAnswer[]>([])
  const [isBusy, setIsBusy] = useState(false)
  const offers = (action: string) => panel.actions.some((offer) => offer.action === action)
  const { user } = useAuth()
  const { currentEditor, unlockDocument } = useDocumentInfo()
  // Approving and reaffirming are signing: the attestation must be ticked first.
  const signs = (action: string) => action === 'approve' || action === 'reaffirm'

  const act = async (action: string) => {
    setIsBusy(true)
    setRefusals([])
    const res = await fetch(`/api/articles/${id}/workflow`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        action,
        note,
        // Reaffirm is about what readers see now: the live version's fingerprint.
        fingerprint: action === 'reaffirm' ? panel.liveFingerprint : panel.fingerprint,
        ...(signs(action) ? { attest: isAttested } : {}),
      }),
    })
    if (res.ok) {
      // A reload skips Payload's unlock-on-leave: release this person's edit lock first, or the
      // next person to open the article (the reviewer, after a submit) meets "Document locked".
      const editor = currentEditor as unknown
      const editorId =
        editor && typeof editor === 'object' ? (editor as { id?: unknown }).id : (editor ?? null)
      if (user && (editorId === null || String(editorId) === String(user.id))) {
        await unlockDocument(id, 'articles').catch(() => undefined)
      }
      // The form holds the old stage and which fields are editable: load the article afresh.
      window.location.reload()
      return
    }
    const body = (await res.json().catch(() => ({}))) as { errors?: RefusalAnswer[] }
    if (body.errors?.some((refusal) => refusal.code === 'OPEN_COMMENTS')) {
      // The list beside it may be older than the server's count: show the same threads.
      void reloadComments(id)
    }
    setRefusals(
      body.errors?.length
        ? body.errors
        : [{ code: 'UNEXPECTED', message: `The server answered ${res.status}.` }],
    )
    setIsBusy(false)
  }

  const preview = async () => {
    const res = await fetch(`/api/articles/${id}/preview-link`, { credentials: 'include' })
    if (res.ok) {
      const { url } = (await res.json()) as { url: string }
      window.open(url, '_blank', 'noopener')
    } else {
      setRefusals([{ code: 'PREVIEW_FAILED', message: 'Could not create a preview link.' }])
    }
  }

  return (
    <div className="signoff-workflow-actions">
      {offers('request-changes') ? (
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
      {offers('approve') || offers('reaffirm') ? (
        <label
          className="signoff-attestation"
          style={{
            display: 'flex',
            gap: 8,
            alignItems: 'flex-start',
            padding: 8,
            marginBottom: 8,
            border: '1px solid var(--theme-elevation-150)',
            borderRadius: 4,
          }}
        >
          <input
            type="checkbox"
            name="workflow-attest"
            checked={isAttested}
            onChange={(event) => setIsAttested(event.target.checked)}
            style={{ marginTop: 3 }}
          />
          <span>{panel.attestation}</span>
        </label>
      ) : null}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {panel.actions.map(({ action, label }) => {
          const isDisabled = isBusy || (signs(action) && !isAttested)
          return (
            <button
              key={action}
              type="button"
              className={`btn btn--style-primary btn--size-small${isDisabled ? ' btn--disabled' : ''}`}
              data-workflow-action={action}
              disabled={isDisabled}
              onClick={() => void act(action)}
              style={{ margin: 0 }}
            >
              {label}
            </button>
          )
        })}
        <button
          type="button"
          className="btn btn--style-secondary btn--size-small"
          data-workflow-action="preview"
          onClick={() => void preview()}
          style={{ margin: 0 }}
        >
          Preview
        </button>
      </div>
      {refusals.length ? <Refusals refusals={refusals} article={id} /> : null}
    </div>
  )
}
