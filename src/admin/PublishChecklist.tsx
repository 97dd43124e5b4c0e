'use client'
import React from 'react'

import type { WorkflowPanel } from './useWorkflowPanel'

/** Every publish rule against the saved draft, before a writer submits it: failing ones stand out. */
export const PublishChecklist = ({
  checks,
  warnings = [],
}: {
  checks: WorkflowPanel['checks']
  /** What to look at that does not block (old sources, readability above the target). */
  warnings?: WorkflowPanel['warnings']
}) => {
  const failing = checks.filter((check) => !check.ok).length
  return (
    <section className="signoff-checks" style={{ margin: '12px 0' }}>
      <h5 style={{ margin: '0 0 4px' }}>
        Before medical review{' '}
        <span style={{ fontWeight: 400 }}>
          {failing ? `(${failing} to fix, as last saved)` : '(all pass, as last saved)'}
        </span>
      </h5>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0, fontSize: 13 }}>
        {checks.map((check) => (
          <li
            key={check.rule}
            data-rule={check.rule}
            data-ok={String(check.ok)}
            style={
              check.ok
                ? { padding: '1px 6px' }
                : {
                    padding: '1px 6px',
                    background: '#fee2e2',
                    color: '#991b1b',
                    fontWeight: 600,
                    borderRadius: 4,
                  }
            }
          >
            <span role="img" aria-label={check.ok ? 'passes' : 'fails'}>
              {check.ok ? '✓' : '✗'}
            </span>{' '}
            {check.message}
          </li>
        ))}
      </ul>
      {warnings.length ? (
        <ul className="signoff-check-warnings" aria-label="Warnings (do not block publishing)">
          {warnings.map((warning) => (
            <li key={warning.rule} data-warning={warning.rule}>
              <span role="img" aria-label="warning">
                ⚠
              </span>{' '}
              {warning.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
