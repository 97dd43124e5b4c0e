'use client'
import React from 'react'

import type { ReviewStatus } from '@/workflow/stages'
import { StageBadge } from './StageBadge'
import { formatDate } from './useWorkflowPanel'
import type { WorkflowPanel } from './useWorkflowPanel'

const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  current: 'current',
  'due-soon': 'due soon',
  overdue: 'overdue',
}

const Row = ({ label, value, name }: { label: string; value: React.ReactNode; name: string }) => (
  <div data-workflow-field={name} style={{ display: 'contents' }}>
    <dt style={{ color: 'var(--theme-elevation-500)' }}>{label}</dt>
    <dd style={{ margin: 0 }}>{value}</dd>
  </div>
)

/** The fields only the workflow writes, shown once and read-only. */
export const WorkflowFields = ({ panel }: { panel: WorkflowPanel }) => {
  const { publishedAt, lastReviewedAt, nextReviewDue, reviewStatus, createdBy } = panel.fields
  const day = (iso: string | null) => (iso ? formatDate(iso) : '—')
  return (
    <div className="signoff-workflow-fields" style={{ marginBottom: 12 }}>
      <div style={{ marginBottom: 8 }}>
        <StageBadge stage={panel.stage} />
      </div>
      <dl
        style={{
          display: 'grid',
          gridTemplateColumns: 'auto 1fr',
          gap: '2px 12px',
          margin: 0,
          fontSize: 13,
        }}
      >
        <Row name="publishedAt" label="Published" value={day(publishedAt)} />
        <Row name="lastReviewedAt" label="Last reviewed" value={day(lastReviewedAt)} />
        <Row
          name="nextReviewDue"
          label="Next review due"
          value={
            nextReviewDue
              ? `${day(nextReviewDue)}${reviewStatus ? ` (${REVIEW_STATUS_LABELS[reviewStatus]})` : ''}`
              : '—'
          }
        />
        <Row name="createdBy" label="Created by" value={createdBy?.name ?? '—'} />
      </dl>
    </div>
  )
}
