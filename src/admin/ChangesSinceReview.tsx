'use client'
import React from 'react'

import type { ContentChange, TextPart } from '@/workflow/changes'
import { formatDateTime } from './useWorkflowPanel'
import type { WorkflowPanel } from './useWorkflowPanel'

// Unchanged stretches longer than this are cut to their ends: the reviewer reads the changes.
const CONTEXT = 80

const shorten = ({
  value,
  isFirst,
  isLast,
}: {
  value: string
  isFirst: boolean
  isLast: boolean
}) => {
  if (value.length <= CONTEXT * 2) {
    return value
  }
  const head = isFirst ? '' : value.slice(0, CONTEXT)
  const tail = isLast ? '' : value.slice(-CONTEXT)
  return `${head} … ${tail}`
}

const TextChange = ({ parts }: { parts: TextPart[] }) => (
  <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
    {parts.map((part, index) =>
      part.added ? (
        <ins key={index} className="signoff-diff-added">
          {part.value}
        </ins>
      ) : part.removed ? (
        <del key={index} className="signoff-diff-removed">
          {part.value}
        </del>
      ) : (
        <span key={index}>
          {shorten({ value: part.value, isFirst: index === 0, isLast: index === parts.length - 1 })}
        </span>
      ),
    )}
  </p>
)

const ListChange = ({ change }: { change: Extract<ContentChange, { kind: 'list' }> }) => (
  <ul style={{ margin: 0, paddingLeft: 18 }}>
    {change.added.map((label) => (
      <li key={`added-${label}`}>
        Added: <ins className="signoff-diff-added">{label}</ins>
      </li>
    ))}
    {change.removed.map((label) => (
      <li key={`removed-${label}`}>
        Removed: <del className="signoff-diff-removed">{label}</del>
      </li>
    ))}
    {change.isReordered ? <li>Put in a new order (citation numbers moved).</li> : null}
  </ul>
)

const ValueChange = ({ change }: { change: Extract<ContentChange, { kind: 'value' }> }) => (
  <p style={{ margin: 0 }}>
    <del className="signoff-diff-removed">{change.from ?? 'none'}</del> →{' '}
    <ins className="signoff-diff-added">{change.to ?? 'none'}</ins>
  </p>
)

/** What changed since the reviewer's last decision, field by field, as the server compared it. */
export const ChangesSinceReview = ({ panel }: { panel: WorkflowPanel }) => {
  const since = panel.changesSinceLastReview
  if (!since) {
    return null
  }
  const decision =
    panel.history.find((entry) => entry.action === since.since.action)?.label ?? since.since.action
  const heading = `Changed since ${decision} on ${formatDateTime(since.since.at)}`
  if (!since.changes.length) {
    return (
      <p className="signoff-changes signoff-changes--none" style={{ margin: '0 0 16px' }}>
        {`Nothing changed since ${decision} on ${formatDateTime(since.since.at)}.`}
      </p>
    )
  }
  return (
    <section
      className="signoff-changes"
      aria-label={heading}
      style={{
        margin: '0 0 16px',
        padding: 12,
        border: '1px solid #fcd34d',
        borderRadius: 4,
        background: '#fffbeb',
      }}
    >
      <h3 style={{ margin: '0 0 8px' }}>{heading}</h3>
      <dl style={{ margin: 0 }}>
        {since.changes.map((change) => (
          <div key={change.field} data-change-field={change.field} style={{ marginBottom: 8 }}>
            <dt style={{ fontWeight: 600 }}>{change.label}</dt>
            <dd style={{ margin: 0 }}>
              {change.kind === 'text' ? (
                <TextChange parts={change.parts} />
              ) : change.kind === 'list' ? (
                <ListChange change={change} />
              ) : (
                <ValueChange change={change} />
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
