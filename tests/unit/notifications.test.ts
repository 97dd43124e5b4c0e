import { describe, expect, it } from '@jest/globals'

import { NOTIFICATION_EVENTS, eventOfAction } from '@/notifications/events'
import type { Notice } from '@/notifications/events'
import { audiencesFor, deliveryFor, recipientsFor } from '@/notifications/recipients'
import { renderDigest, renderNotice } from '@/notifications/templates'

const SERVER_URL = 'https://cms.example.org'

const notice = (overrides: Partial<Notice> = {}): Notice => ({
  event: 'submitted',
  about: { collection: 'articles', id: 42, title: 'Causes of back spasms' },
  actorName: 'Nikita Mistry',
  date: null,
  ...overrides,
})

describe('who hears of what', () => {
  it('maps the decisions that hand work on, and not withdraw or restore', () => {
    expect(
      ['submit', 'request-changes', 'approve', 'publish', 'archive'].map(eventOfAction),
    ).toEqual(['submitted', 'changesRequested', 'approved', 'published', 'archived'])
    expect(eventOfAction('withdraw')).toBeNull()
    expect(eventOfAction('restore')).toBeNull()
  })

  it('sends a submitted article to its reviewer, or to every current reviewer when none is assigned', () => {
    expect(audiencesFor({ event: 'submitted', hasAssignedReviewer: true })).toEqual([
      'assignedReviewer',
    ])
    expect(audiencesFor({ event: 'submitted', hasAssignedReviewer: false })).toEqual([
      'currentReviewers',
    ])
    // Only submission falls back: a published article without a reviewer tells just its writer.
    expect(audiencesFor({ event: 'published', hasAssignedReviewer: false })).toEqual([
      'writer',
      'assignedReviewer',
    ])
  })

  it('tells each person once and never the one who acted', () => {
    expect(
      recipientsFor({
        audiences: ['writer', 'assignedReviewer'],
        people: { writer: [1, 2, 1], assignedReviewer: ['2', 3] },
        actorId: 3,
      }),
    ).toEqual([1, 2])
    expect(
      recipientsFor({
        audiences: ['threadParty', 'writer'],
        people: { threadParty: [5], writer: [5] },
        actorId: 5,
      }),
    ).toEqual([])
  })

  it('honours a kind turned off and the daily digest', () => {
    expect(deliveryFor({ user: {}, kind: 'submitted' })).toBe('immediate')
    expect(deliveryFor({ user: { notifications: { submitted: false } }, kind: 'submitted' })).toBe(
      'off',
    )
    expect(
      deliveryFor({
        user: { notifications: { submitted: false, digest: 'daily' } },
        kind: 'approved',
      }),
    ).toBe('daily')
    expect(
      deliveryFor({
        user: { notifications: { reviewDue: false, digest: 'daily' } },
        kind: 'reviewDue',
      }),
    ).toBe('off')
  })
})

describe('the message', () => {
  it('says what happened, what to do next, and links to the article in the admin', () => {
    const message = renderNotice({ notice: notice(), serverUrl: SERVER_URL })
    expect(message.subject).toBe('Review requested: Causes of back spasms')
    expect(message.text).toContain('Nikita Mistry submitted "Causes of back spasms"')
    expect(message.text).toContain('Next: Read it, then approve it or request changes.')
    expect(message.text).toContain(`${SERVER_URL}/admin/collections/articles/42`)
    expect(message.html).toContain(`href="${SERVER_URL}/admin/collections/articles/42"`)
  })

  it('has a subject, a next step and a link for every event', () => {
    for (const event of NOTIFICATION_EVENTS) {
      const message = renderNotice({
        notice: notice({ event, date: '2027-03-01T00:00:00.000Z' }),
        serverUrl: SERVER_URL,
      })
      expect(message.subject).toMatch(/Causes of back spasms$/)
      expect(message.text).toMatch(/\nNext: \S/)
      expect(message.text).toContain(`${SERVER_URL}/admin/collections/articles/42`)
    }
  })

  it('names the due date, and links a reviewer profile for expiring credentials', () => {
    const due = renderNotice({
      notice: notice({ event: 'reviewDueSoon', date: '2027-03-01T00:00:00.000Z' }),
      serverUrl: SERVER_URL,
    })
    expect(due.subject).toBe('Medical review due 2027-03-01: Causes of back spasms')
    const expiring = renderNotice({
      notice: notice({
        event: 'credentialsExpiring',
        about: { collection: 'medical-reviewers', id: 7, title: 'Dr Gina Arena' },
        actorName: null,
        date: '2027-01-31T00:00:00.000Z',
      }),
      serverUrl: SERVER_URL,
    })
    expect(expiring.subject).toBe('Reviewer credentials expire 2027-01-31: Dr Gina Arena')
    expect(expiring.text).toContain(`${SERVER_URL}/admin/collections/medical-reviewers/7`)
  })

  it('escapes a title in the HTML and keeps the subject on one line', () => {
    const message = renderNotice({
      notice: notice({
        about: { collection: 'articles', id: 1, title: 'Pain <script>alert(1)</script>\n& more' },
      }),
      serverUrl: SERVER_URL,
    })
    expect(message.html).not.toContain('<script>')
    expect(message.html).toContain('&#60;script&#62;')
    expect(message.subject).toBe('Review requested: Pain <script>alert(1)</script> & more')
  })

  it('gathers a digest into one message with every link', () => {
    const digest = renderDigest({
      notices: [
        notice(),
        notice({
          event: 'approved',
          about: { collection: 'articles', id: 43, title: 'Posture' },
        }),
      ],
      serverUrl: SERVER_URL,
    })
    expect(digest.subject).toBe('Signoff daily digest: 2 updates')
    expect(digest.text).toContain(`${SERVER_URL}/admin/collections/articles/42`)
    expect(digest.text).toContain(`${SERVER_URL}/admin/collections/articles/43`)
    expect(digest.text).toContain('Nikita Mistry approved "Posture"')
  })
})
