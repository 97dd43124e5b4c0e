'use client'
import React, { useState } from 'react'

import { Refusals } from './Refusals'
import type { RefusalAnswer, WorkflowPanel } from './useWorkflowPanel'

const VERB: Record<string, string> = { publish: 'Publish', archive: 'Archive' }

const localTime = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * Publish or archive at a time, and what is waiting: the server applies it through the same
 * workflow when the time comes, and a refusal then shows here (and reaches the editor by e-mail).
 */
export const ScheduledDecisions = ({
  id,
  panel,
}: {
  id: number | string
  panel: WorkflowPanel
}) => {
  const schedulable = panel.actions.filter(({ action }) => action in VERB)
  const [at, setAt] = useState('')
  const [refusals, setRefusals] = useState<RefusalAnswer[]>([])
  const [isBusy, setIsBusy] = useState(false)

  const send = async (path: string, body: object) => {
    setIsBusy(true)
    setRefusals([])
    const res = await fetch(path, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (res.ok) {
      window.location.reload()
      return
    }
    const answer = (await res.json().catch(() => ({}))) as { errors?: RefusalAnswer[] }
    setRefusals(
      answer.errors?.length
        ? answer.errors
        : [{ code: 'UNEXPECTED', message: `The server answered ${res.status}.` }],
    )
    setIsBusy(false)
  }

  const schedule = (action: string) => {
    if (!at) {
      setRefusals([{ code: 'INVALID_BODY', message: 'Choose a date and time first.' }])
      return
    }
    // The picker gives local time without an offset; the server wants the moment itself.
    void send(`/api/articles/${id}/workflow`, {
      action,
      at: new Date(at).toISOString(),
      fingerprint: panel.fingerprint,
    })
  }

  if (!schedulable.length && !panel.schedules.length) {
    return null
  }
  return (
    <div className="signoff-schedules" style={{ marginTop: 12 }}>
      {panel.schedules.length ? (
        <ul style={{ paddingLeft: 18, margin: '0 0 8px' }}>
          {panel.schedules.map((item) => (
            <li key={item.id} data-schedule-status={item.status}>
              {item.status === 'scheduled' ? (
                <>
                  {VERB[item.action]} at <strong>{localTime(item.at)}</strong>
                  {item.scheduledBy ? `, set by ${item.scheduledBy}` : ''}.{' '}
                  <button
                    type="button"
                    className="btn btn--style-secondary btn--size-small"
                    data-schedule-cancel={item.id}
                    disabled={isBusy}
                    onClick={() => void send(`/api/scheduled-actions/${item.id}/cancel`, {})}
                    style={{ margin: 0 }}
                  >
                    Cancel
                  </button>
                </>
              ) : (
                <span role="alert" style={{ color: '#991b1b' }}>
                  The {item.action} scheduled for {localTime(item.at)} was refused: {item.outcome}
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {schedulable.length ? (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
          <label>
            At{' '}
            <input
              type="datetime-local"
              name="workflow-at"
              value={at}
              onChange={(event) => setAt(event.target.value)}
            />
          </label>
          {schedulable.map(({ action }) => (
            <button
              key={action}
              type="button"
              className="btn btn--style-secondary btn--size-small"
              data-schedule-action={action}
              disabled={isBusy}
              onClick={() => schedule(action)}
              style={{ margin: 0 }}
            >
              {VERB[action]} at this time
            </button>
          ))}
        </div>
      ) : null}
      {refusals.length ? <Refusals refusals={refusals} article={id} /> : null}
    </div>
  )
}
