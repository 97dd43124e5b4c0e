'use client'
import React, { useEffect, useState } from 'react'

import { EDITORIAL_STAGES } from '@/workflow/stages'
import type { EditorialStage, ReviewStatus } from '@/workflow/stages'
import { ReReviewQueue } from './ReReviewQueue'
import { RoleQueues } from './RoleQueues'
import type { Queues } from './RoleQueues'
import { StageBadge } from './StageBadge'

type Summary = {
  counts: Record<EditorialStage, number>
  due: { id: number | string; title: string; nextReviewDue: string; reviewStatus: ReviewStatus }[]
  flagged: {
    id: number | string
    title: string | null
    flags: { code: string; message: string }[]
  }[]
  queues: Queues
}

/** The dashboard's editorial summary: articles per stage, and reviews that are due. */
export const EditorialDashboard = () => {
  const [summary, setSummary] = useState<Summary | null>(null)
  useEffect(() => {
    void fetch('/api/articles/editorial-summary', { credentials: 'include' }).then(async (res) => {
      if (res.ok) {
        setSummary((await res.json()) as Summary)
      }
    })
  }, [])
  if (!summary) {
    return null
  }
  return (
    <section className="signoff-dashboard" style={{ marginBottom: 32 }}>
      <h2 style={{ marginBottom: 12 }}>Editorial desk</h2>
      <ul style={{ display: 'flex', flexWrap: 'wrap', gap: 16, listStyle: 'none', padding: 0 }}>
        {EDITORIAL_STAGES.map((stage) => (
          <li key={stage} data-stage-count={stage}>
            <a href={`/admin/collections/articles?where[stage][equals]=${stage}`}>
              <StageBadge stage={stage} /> <strong>{summary.counts[stage] ?? 0}</strong>
            </a>
          </li>
        ))}
      </ul>
      <RoleQueues queues={summary.queues ?? {}} />
      <ReReviewQueue />
      {summary.flagged.length ? (
        <>
          <h3 style={{ margin: '16px 0 8px' }}>Flagged for re-review</h3>
          <ul className="signoff-flagged">
            {summary.flagged.map((entry) => (
              <li key={entry.id}>
                <a href={`/admin/collections/articles/${entry.id}`}>{entry.title ?? entry.id}</a>:{' '}
                {entry.flags.map((flag) => flag.message).join(' ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3 style={{ margin: '16px 0 8px' }}>Medical review due</h3>
      {summary.due.length ? (
        <ul className="signoff-due">
          {summary.due.map((entry) => (
            <li key={entry.id}>
              <a href={`/admin/collections/articles/${entry.id}`}>{entry.title}</a>:{' '}
              {entry.reviewStatus}, due {entry.nextReviewDue.slice(0, 10)}
            </li>
          ))}
        </ul>
      ) : (
        <p>No published article is overdue or due within 30 days.</p>
      )}
    </section>
  )
}
