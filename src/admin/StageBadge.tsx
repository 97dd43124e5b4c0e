'use client'
import React from 'react'

import { STAGE_LABELS } from '@/workflow/stages'
import type { EditorialStage } from '@/workflow/stages'

const COLOURS: Record<EditorialStage, { background: string; color: string }> = {
  draft: { background: '#e5e7eb', color: '#1f2937' },
  in_review: { background: '#fef3c7', color: '#92400e' },
  changes_requested: { background: '#fee2e2', color: '#991b1b' },
  approved: { background: '#dbeafe', color: '#1e40af' },
  published: { background: '#dcfce7', color: '#166534' },
  archived: { background: '#f3f4f6', color: '#6b7280' },
}

export const StageBadge = ({ stage }: { stage: EditorialStage }) => (
  <span
    data-stage={stage}
    className="signoff-stage-badge"
    style={{
      ...COLOURS[stage],
      borderRadius: 999,
      padding: '2px 10px',
      fontSize: 12,
      fontWeight: 600,
      whiteSpace: 'nowrap',
    }}
  >
    {STAGE_LABELS[stage] ?? stage}
  </span>
)

/** The stage column of the articles list. */
export const StageCell = ({ cellData }: { cellData?: unknown }) =>
  typeof cellData === 'string' && cellData in COLOURS ? (
    <StageBadge stage={cellData as EditorialStage} />
  ) : null
