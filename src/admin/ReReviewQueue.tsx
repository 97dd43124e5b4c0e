'use client'
import React, { useCallback, useEffect, useState } from 'react'

import type { reReviewQueue } from '@/queues/reReviewQueue'

type Queue = Awaited<ReturnType<typeof reReviewQueue>>
type Option = { id: number | string; name: string }
type Outcome = { id: number | string; ok: boolean; errors?: { message: string }[] }

// Read by screen readers, not shown: the column of checkboxes needs a header.
const VISUALLY_HIDDEN: React.CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
}

const SORTS = [
  { value: 'nextReviewDue', label: 'Due first' },
  { value: '-nextReviewDue', label: 'Due last' },
  { value: 'title', label: 'Title A–Z' },
] as const

const options = async (path: string): Promise<Option[]> => {
  const res = await fetch(path, { credentials: 'include' })
  if (!res.ok) {
    return []
  }
  const { docs } = (await res.json()) as { docs: { id: number | string; name?: string }[] }
  return docs.map((doc) => ({ id: doc.id, name: doc.name ?? String(doc.id) }))
}

/**
 * The editors' re-review queue: live articles due within 30 days or overdue, by due date or title,
 * of one topic or one reviewer; tick some and ask their reviewer (or another) to re-review them.
 * Only editors and admins get an answer from the server, so only they see it.
 */
export const ReReviewQueue = () => {
  const [queue, setQueue] = useState<Queue | null>(null)
  const [sort, setSort] = useState<string>('nextReviewDue')
  const [topic, setTopic] = useState('')
  const [reviewer, setReviewer] = useState('')
  const [topics, setTopics] = useState<Option[]>([])
  const [reviewers, setReviewers] = useState<Option[]>([])
  const [chosen, setChosen] = useState<Set<string>>(new Set())
  const [askReviewer, setAskReviewer] = useState('')
  const [note, setNote] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)

  const load = useCallback(async () => {
    const params = new URLSearchParams({ sort, limit: '50' })
    if (topic) {
      params.set('topic', topic)
    }
    if (reviewer) {
      params.set('reviewer', reviewer)
    }
    const res = await fetch(`/api/articles/re-review-queue?${params}`, { credentials: 'include' })
    setQueue(res.ok ? ((await res.json()) as Queue) : null)
  }, [sort, topic, reviewer])

  useEffect(() => {
    void load()
  }, [load])
  useEffect(() => {
    void options('/api/topics?limit=100&depth=0&sort=name').then(setTopics)
    void options('/api/medical-reviewers?limit=100&depth=0&sort=name').then(setReviewers)
  }, [])

  if (!queue) {
    return null
  }
  const toggle = (id: number | string) => {
    const next = new Set(chosen)
    if (next.has(String(id))) {
      next.delete(String(id))
    } else {
      next.add(String(id))
    }
    setChosen(next)
  }
  const ask = async () => {
    setIsBusy(true)
    setMessage(null)
    const res = await fetch('/api/articles/re-review', {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ids: [...chosen].map(Number),
        ...(askReviewer ? { reviewer: Number(askReviewer) } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    })
    const answer = (await res.json().catch(() => ({}))) as {
      results?: Outcome[]
      errors?: { message: string }[]
    }
    const results = answer.results ?? []
    const refused = results.filter((result) => !result.ok)
    setMessage(
      res.ok
        ? [
            `${results.length - refused.length} asked to re-review.`,
            ...refused.map(
              (result) => `Article ${result.id}: ${result.errors?.[0]?.message ?? 'refused'}`,
            ),
          ].join(' ')
        : (answer.errors?.[0]?.message ?? `The server answered ${res.status}.`),
    )
    setChosen(new Set())
    setIsBusy(false)
    await load()
  }

  const select = (
    label: string,
    value: string,
    onChange: (value: string) => void,
    choices: { value: string; label: string }[],
    name: string,
  ) => (
    <label style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
      {label}
      <select name={name} value={value} onChange={(event) => onChange(event.target.value)}>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  )
  const people = reviewers.map((r) => ({ value: String(r.id), label: r.name }))

  return (
    <section className="signoff-re-review-queue" style={{ marginTop: 16 }}>
      <h3 style={{ margin: '16px 0 8px' }}>
        Re-review queue <span className="signoff-queue__count">{queue.totalDocs}</span>
      </h3>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginBottom: 8 }}>
        {select('Sort', sort, setSort, [...SORTS], 're-review-sort')}
        {select(
          'Topic',
          topic,
          setTopic,
          [
            { value: '', label: 'Any' },
            ...topics.map((t) => ({ value: String(t.id), label: t.name })),
          ],
          're-review-topic',
        )}
        {select(
          'Reviewer',
          reviewer,
          setReviewer,
          [{ value: '', label: 'Any' }, ...people],
          're-review-reviewer',
        )}
      </div>
      {queue.docs.length ? (
        <table className="signoff-re-review-table" style={{ width: '100%' }}>
          <thead>
            <tr>
              <th scope="col">
                <span style={VISUALLY_HIDDEN}>Choose</span>
              </th>
              <th scope="col">Article</th>
              <th scope="col">Review due</th>
              <th scope="col">Reviewer</th>
              <th scope="col">Topics</th>
            </tr>
          </thead>
          <tbody>
            {queue.docs.map((doc) => (
              <tr key={doc.id} data-re-review-article={doc.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Choose ${doc.title}`}
                    checked={chosen.has(String(doc.id))}
                    onChange={() => toggle(doc.id)}
                  />
                </td>
                <td>
                  <a href={`/admin/collections/articles/${doc.id}`}>{doc.title}</a>
                </td>
                <td>
                  {doc.nextReviewDue?.slice(0, 10)} ({doc.reviewStatus})
                </td>
                <td>
                  {doc.reReviewer
                    ? `${doc.reReviewer.name} (asked)`
                    : (doc.medicalReviewer?.name ?? '—')}
                </td>
                <td>{doc.topics.map((t) => t.name).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No live article is due for re-review within 30 days.</p>
      )}
      {queue.docs.length ? (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8 }}>
          {select(
            'Ask',
            askReviewer,
            setAskReviewer,
            [{ value: '', label: 'Their own reviewer' }, ...people],
            're-review-ask',
          )}
          <input
            name="re-review-note"
            aria-label="Note for the reviewer"
            placeholder="Note (optional)"
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
          <button
            type="button"
            className="btn btn--style-primary btn--size-small"
            data-re-review-request
            disabled={isBusy || chosen.size === 0}
            onClick={() => void ask()}
            style={{ margin: 0 }}
          >
            Request re-review ({chosen.size})
          </button>
        </div>
      ) : null}
      {message ? (
        <p role="status" className="signoff-re-review-outcome">
          {message}
        </p>
      ) : null}
    </section>
  )
}
