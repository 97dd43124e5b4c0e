import { citationNumbers } from './citations'
import type { PublishRuleFailure } from '@/shared/refusals'

/** What the publish rules look at, with relationships already reduced to what matters. */
export type PublishCandidate = {
  title?: string | null
  slug?: string | null
  summary?: string | null
  body?: unknown
  hasAuthor: boolean
  hasMedicalReviewer: boolean
  hasDisclaimer: boolean
  sources: { title?: string | null; sourceType?: string | null }[]
  heroImage: { alt?: string | null } | null
}

const isBlank = (value: string | null | undefined): boolean => !value || value.trim() === ''

type Rule = {
  rule: string
  /** What the rule asks, as a checklist line when it passes. */
  label: string
  check: (article: PublishCandidate) => string | null
}

/** The publish rules, in the order an editor fixes them. Each returns a message when it fails. */
const PUBLISH_RULES: Rule[] = [
  {
    rule: 'title',
    label: 'Has a title.',
    check: (a) => (isBlank(a.title) ? 'The article needs a title.' : null),
  },
  {
    rule: 'slug',
    label: 'Has a slug.',
    check: (a) => (isBlank(a.slug) ? 'The article needs a slug.' : null),
  },
  {
    rule: 'summary',
    label: 'Has a summary.',
    check: (a) => (isBlank(a.summary) ? 'The article needs a summary.' : null),
  },
  {
    rule: 'author',
    label: 'Credits an author.',
    check: (a) => (a.hasAuthor ? null : 'Credit an author.'),
  },
  {
    rule: 'medicalReviewer',
    label: 'Names a medical reviewer.',
    check: (a) => (a.hasMedicalReviewer ? null : 'Assign a medical reviewer.'),
  },
  {
    rule: 'sources',
    label: 'Cites at least one source.',
    check: (a) => (a.sources.length > 0 ? null : 'Cite at least one source.'),
  },
  {
    rule: 'noTertiarySources',
    label: 'Cites no tertiary sources.',
    check: (a) => {
      const tertiary = a.sources.filter((source) => source.sourceType === 'tertiary')
      return tertiary.length
        ? `Tertiary sources cannot be cited: ${tertiary.map((s) => `"${s.title ?? 'untitled'}"`).join(', ')}.`
        : null
    },
  },
  {
    rule: 'citations',
    label: 'Every citation [n] has its source.',
    check: (a) => {
      const missing = [...new Set(citationNumbers(a.body))].filter(
        (n) => n < 1 || n > a.sources.length,
      )
      return missing.length
        ? `Citation ${missing.map((n) => `[${n}]`).join(', ')} has no matching source (the article lists ${a.sources.length}).`
        : null
    },
  },
  {
    rule: 'disclaimer',
    label: 'Carries a disclaimer.',
    check: (a) => (a.hasDisclaimer ? null : 'Attach a disclaimer.'),
  },
  {
    rule: 'heroImageAlt',
    label: 'The hero image has alt text.',
    check: (a) =>
      a.heroImage && isBlank(a.heroImage.alt) ? 'The hero image needs alt text.' : null,
  },
]

/** Every failing rule, all at once, so an editor can fix them in one go. */
export const failedPublishRules = (article: PublishCandidate): PublishRuleFailure[] =>
  PUBLISH_RULES.flatMap(({ rule, check }) => {
    const message = check(article)
    return message ? [{ rule, message }] : []
  })

/** Rules the review itself fulfils: the reviewer who takes the review up is assigned. */
export const FULFILLED_BY_REVIEW = ['medicalReviewer']

export type PublishCheck = { rule: string; ok: boolean; message: string }

/**
 * Every rule, passing or not: the checklist a writer sees. Before review (`isBeforeReview`), the
 * rules the review fulfils pass with a line saying so.
 */
export const publishChecks = ({
  article,
  isBeforeReview,
}: {
  article: PublishCandidate
  isBeforeReview: boolean
}): PublishCheck[] =>
  PUBLISH_RULES.map(({ rule, label, check }) => {
    const message = check(article)
    if (message && isBeforeReview && FULFILLED_BY_REVIEW.includes(rule)) {
      return { rule, ok: true, message: 'The reviewer who takes the review up is assigned.' }
    }
    return { rule, ok: message === null, message: message ?? label }
  })
