'use client'
import React from 'react'

import { PublishChecklist } from './PublishChecklist'
import { ReviewComments } from './ReviewComments'
import { ReviewHistory } from './ReviewHistory'
import { ScheduledDecisions } from './ScheduledDecisions'
import { useWorkflowPanel } from './useWorkflowPanel'
import { WorkflowActions } from './WorkflowActions'
import { WorkflowFields } from './WorkflowFields'

/**
 * The article's place in the editorial workflow, and only the actions this person may take now.
 * Every decision goes to POST /api/articles/:id/workflow; the server decides, this shows.
 */
export const WorkflowBar = () => {
  const { id, panel } = useWorkflowPanel()
  if (!id) {
    return (
      <div className="signoff-workflow" style={{ marginBottom: 24 }}>
        <p>Save the draft to start the medical review workflow.</p>
      </div>
    )
  }
  if (panel === undefined) {
    return <div className="signoff-workflow">Loading workflow…</div>
  }
  if (panel === null) {
    return (
      <div role="alert" className="signoff-workflow">
        Could not load the workflow: reload the page.
      </div>
    )
  }
  const isBeforeReview = panel.stage === 'draft' || panel.stage === 'changes_requested'
  return (
    <div className="signoff-workflow" data-stage={panel.stage} style={{ marginBottom: 24 }}>
      <h4 style={{ margin: '0 0 8px' }}>Editorial workflow</h4>
      <WorkflowFields panel={panel} />
      {panel.stage === 'in_review' ? (
        <p className="signoff-frozen" style={{ fontWeight: 600, color: '#92400e' }}>
          In medical review: the content is frozen while the reviewer reads it.
        </p>
      ) : null}
      {panel.reviewerWarning ? (
        <p role="alert" className="signoff-reviewer-warning" style={{ color: '#991b1b' }}>
          {panel.reviewerWarning}
        </p>
      ) : null}
      {panel.reviewFlags.length ? (
        <ul
          role="alert"
          className="signoff-review-flags"
          style={{ color: '#92400e', paddingLeft: 18 }}
        >
          {panel.reviewFlags.map((flag) => (
            <li key={flag.code}>{flag.message}</li>
          ))}
        </ul>
      ) : null}
      {isBeforeReview ? <PublishChecklist checks={panel.checks} warnings={panel.warnings} /> : null}
      {/* Other content, other decision: a saved edit clears the attestation and old refusals. */}
      <WorkflowActions key={panel.fingerprint} id={id} panel={panel} />
      <ScheduledDecisions id={id} panel={panel} />
      <ReviewComments />
      <ReviewHistory history={panel.history} />
    </div>
  )
}
