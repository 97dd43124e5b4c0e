import { citationNumbers } from './citations'
import type { PublishRuleFailure } from '@/shared/refusals'
import { readabilityOf } from '@/readability/readability'

/** A retraction notice found for a source's DOI or PubMed ID (src/retractions/). */
export type SourceRetraction = { date: string | null; nature: string }

/** A cited source as the rules see it: what it is, when it appeared, whether it was retracted. */
export type CandidateSource = {
  title?: string | null
  sourceType?: string | null
  year?: number | null
  retraction?: SourceRetraction | null
}

/** What the publish rules look at, with relationships already reduced to what matters. */
export type PublishCandidate = {
  title?: string | null
  slug?: string | null
  summary?: string | null
  body?: unknown
  hasAuthor: boolean
  hasMedicalReviewer: boolean
  hasDisclaimer: boolean
  sources: CandidateSource[]
  heroImage: { alt?: string | null } | null
}

const isBlank = (value: string | null | undefined): boolean => !value || value.trim() === ''

const sourceLabel = (source: CandidateSource, index: number): string =>
  `Source [${index + 1}] "${source.title ?? 'untitled'}"`

/** One line per retracted source, naming it and the notice: "Source [2] "…" was retracted …". */
export const retractedSources = (article: Pick<PublishCandidate, 'sources'>): string[] =>
  article.sources.flatMap((source, index) =>
    source.retraction
      ? [
          `${sourceLabel(source, index)} was retracted${source.retraction.date ? ` on ${source.retraction.date.slice(0, 10)}` : ''} (${source.retraction.nature}).`,
        ]
      : [],
  )

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
    rule: 'noRetractedSources',
    label: 'Cites no retracted source.',
    check: (a) => {
      const retracted = retractedSources(a)
      return retracted.length ? `${retracted.join(' ')} Remove it or cite another source.` : null
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

export type PublishWarning = { rule: string; severity: 'warning'; message: string }

/**
 * What an editor should look at but may publish anyway: sources older than `sourceMaxAgeYears`
 * (by publication year) and a body above `readabilityTargetGrade` (Flesch–Kincaid). Pure.
 */
export const publishWarnings = ({
  article,
  now,
  sourceMaxAgeYears,
  readabilityTargetGrade,
}: {
  article: PublishCandidate
  now: Date
  sourceMaxAgeYears: number
  readabilityTargetGrade: number
}): PublishWarning[] => {
  const warnings: PublishWarning[] = []
  const thisYear = now.getUTCFullYear()
  const old = article.sources.flatMap((source, index) =>
    typeof source.year === 'number' && thisYear - source.year > sourceMaxAgeYears
      ? [`${sourceLabel(source, index)} (${source.year})`]
      : [],
  )
  if (old.length) {
    warnings.push({
      rule: 'sourceAge',
      severity: 'warning',
      message: `Older than ${sourceMaxAgeYears} years: ${old.join(', ')}. Check that newer evidence does not change the advice.`,
    })
  }
  const { fleschKincaidGrade, smog } = readabilityOf(article.body)
  if (fleschKincaidGrade !== null && fleschKincaidGrade > readabilityTargetGrade) {
    warnings.push({
      rule: 'readability',
      severity: 'warning',
      message: `The body reads at grade ${fleschKincaidGrade} (Flesch–Kincaid; SMOG ${smog}), above the target of ${readabilityTargetGrade}: use shorter sentences and plainer words.`,
    })
  }
  return warnings
}
