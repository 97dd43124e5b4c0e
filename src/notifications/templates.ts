import type { Notice, NotificationEvent } from './events'

export type Message = { subject: string; text: string; html: string }

type Copy = { subject: string; happened: string; next: string }

const day = (date: string | null): string => (date ? date.slice(0, 10) : 'its review date')

/** What happened and what to do next, per event: the title is the only draft content named. */
const COPY: Record<NotificationEvent, (notice: Notice, actor: string, title: string) => Copy> = {
  submitted: (_, actor, title) => ({
    subject: `Review requested: ${title}`,
    happened: `${actor} submitted "${title}" for medical review.`,
    next: 'Read it, then approve it or request changes.',
  }),
  changesRequested: (_, actor, title) => ({
    subject: `Changes requested: ${title}`,
    happened: `${actor} requested changes to "${title}".`,
    next: "Read the reviewer's note in the article's review history, revise it and submit it again.",
  }),
  approved: (_, actor, title) => ({
    subject: `Approved, ready to publish: ${title}`,
    happened: `${actor} approved "${title}" after medical review.`,
    next: 'Check it and publish it.',
  }),
  published: (_, actor, title) => ({
    subject: `Published: ${title}`,
    happened: `${actor} published "${title}". Readers see it now.`,
    next: 'Nothing to do now; you will hear when its medical review falls due.',
  }),
  archived: (_, actor, title) => ({
    subject: `Archived: ${title}`,
    happened: `${actor} archived "${title}". Readers no longer see it.`,
    next: 'Nothing to do; an editor can restore it if it should come back.',
  }),
  reReviewRequested: (_, actor, title) => ({
    subject: `Re-review requested: ${title}`,
    happened: `${actor} asked you to re-review the live article "${title}".`,
    next: 'Read the live version; reaffirm it if it is still accurate, or start a revision.',
  }),
  reviewDueSoon: (notice, _, title) => ({
    subject: `Medical review due ${day(notice.date)}: ${title}`,
    happened: `The medical review of "${title}" falls due on ${day(notice.date)}.`,
    next: 'Review the article again before then, so it stays current for readers.',
  }),
  reviewOverdue: (notice, _, title) => ({
    subject: `Medical review overdue: ${title}`,
    happened: `The medical review of "${title}" fell due on ${day(notice.date)}.`,
    next: 'Review the article again as soon as you can, or archive it.',
  }),
  credentialsExpiring: (notice, _, name) => ({
    subject: `Reviewer credentials expire ${day(notice.date)}: ${name}`,
    happened: `The credentials of ${name} are verified until ${day(notice.date)}. After that day they cannot approve articles.`,
    next: 'Check the registration and renew "credentials verified until" on the profile.',
  }),
  commentAdded: (_, actor, title) => ({
    subject: `New comment: ${title}`,
    happened: `${actor} commented on "${title}".`,
    next: 'Read the comment and reply in the article.',
  }),
  sourceRetracted: (notice, _, title) => ({
    subject: `Source retracted: ${title}`,
    happened: `A source that the live article "${title}" cites was retracted${notice.date ? ` on ${day(notice.date)}` : ''}. Readers still see the article; it is flagged for review on the editors' dashboard.`,
    next: 'Review the article again: replace the retracted source and take it through review, or archive it.',
  }),
  scheduleRefused: (notice, _, title) => ({
    subject: `Scheduled decision not applied: ${title}`,
    happened: `The decision you scheduled on "${title}" for ${notice.date ? `${notice.date.slice(0, 16).replace('T', ' ')} UTC` : 'now'} was refused when its time came, and nothing changed: ${notice.detail ?? 'the workflow refused it.'}`,
    next: 'Open the article, fix what the refusal names, and publish (or schedule) it again.',
  }),
  commentReplied: (_, actor, title) => ({
    subject: `New reply: ${title}`,
    happened: `${actor} replied to a comment on "${title}".`,
    next: 'Read the reply in the article.',
  }),
}

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/** `${SERVER_URL}/admin/collections/<collection>/<id>`: where the person acts. */
export const adminLink = ({ serverUrl, notice }: { serverUrl: string; notice: Notice }): string =>
  `${serverUrl}/admin/collections/${notice.about.collection}/${encodeURIComponent(String(notice.about.id))}`

// Subjects are one line whatever a title holds.
const oneLine = (value: string): string => value.replace(/\s+/g, ' ').trim()

const copyOf = (notice: Notice): Copy =>
  COPY[notice.event](notice, oneLine(notice.actorName ?? 'Someone'), oneLine(notice.about.title))

const footer = (serverUrl: string) => ({
  text: `You can turn these e-mails off, or get one a day, in your account: ${serverUrl}/admin/account`,
  html: `<p style="color:#666;font-size:12px">You can turn these e-mails off, or get one a day, in <a href="${escapeHtml(serverUrl)}/admin/account">your account</a>.</p>`,
})

/** One message: what happened, to what, what to do next, and the link to it in the admin. */
export const renderNotice = ({
  notice,
  serverUrl,
}: {
  notice: Notice
  serverUrl: string
}): Message => {
  const { subject, happened, next } = copyOf(notice)
  const link = adminLink({ serverUrl, notice })
  const end = footer(serverUrl)
  return {
    subject,
    text: `${happened}\n\nNext: ${next}\n\nOpen it in Signoff: ${link}\n\n${end.text}\n`,
    html: [
      `<p>${escapeHtml(happened)}</p>`,
      `<p><strong>Next:</strong> ${escapeHtml(next)}</p>`,
      `<p><a href="${escapeHtml(link)}">Open it in Signoff</a></p>`,
      end.html,
    ].join('\n'),
  }
}

/** The day's messages for one person in one e-mail, oldest first. */
export const renderDigest = ({
  notices,
  serverUrl,
}: {
  notices: Notice[]
  serverUrl: string
}): Message => {
  const items = notices.map((notice) => ({
    ...copyOf(notice),
    link: adminLink({ serverUrl, notice }),
  }))
  const count = `${items.length} update${items.length === 1 ? '' : 's'}`
  const end = footer(serverUrl)
  return {
    subject: `Signoff daily digest: ${count}`,
    text: [
      `${count} since the last digest:`,
      ...items.map((item) => `\n- ${item.happened}\n  Next: ${item.next}\n  ${item.link}`),
      `\n${end.text}\n`,
    ].join('\n'),
    html: [
      `<p>${count} since the last digest:</p>`,
      '<ul>',
      ...items.map(
        (item) =>
          `<li><p>${escapeHtml(item.happened)}<br><strong>Next:</strong> ${escapeHtml(item.next)}<br><a href="${escapeHtml(item.link)}">Open it in Signoff</a></p></li>`,
      ),
      '</ul>',
      end.html,
    ].join('\n'),
  }
}
