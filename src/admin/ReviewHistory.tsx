'use client'
import React from 'react'

import { formatDateTime } from './useWorkflowPanel'
import type { WorkflowPanel } from './useWorkflowPanel'

/** Every decision on the article, newest first, with its note and what an approver attested. */
export const ReviewHistory = ({ history }: { history: WorkflowPanel['history'] }) => (
  <section style={{ marginTop: 16 }}>
    <h5 style={{ margin: '0 0 4px' }}>Review history</h5>
    {history.length ? (
      <ol className="signoff-history" style={{ paddingLeft: 18, margin: 0 }}>
        {history.map((entry) => (
          <li
            key={`${entry.at}-${entry.action}`}
            data-history-action={entry.action}
            style={{ marginBottom: 6 }}
          >
            <strong>{entry.label}</strong> by {entry.actorName ?? 'someone'},{' '}
            <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
            {entry.note ? <div className="signoff-history-note">“{entry.note}”</div> : null}
            {entry.attestation ? (
              <div className="signoff-history-attestation" style={{ fontStyle: 'italic' }}>
                Attested: “{entry.attestation}”
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    ) : (
      <p style={{ margin: 0 }}>No decisions yet.</p>
    )}
  </section>
)
