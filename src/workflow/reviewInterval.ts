/**
 * Risk-based review intervals: how many months a medical review of an article stays current. Pure:
 * the service loads the article's own setting and its topics'.
 */

export const MIN_INTERVAL_MONTHS = 3
export const MAX_INTERVAL_MONTHS = 36

export const isIntervalMonths = (value: unknown): value is number =>
  typeof value === 'number' &&
  Number.isInteger(value) &&
  value >= MIN_INTERVAL_MONTHS &&
  value <= MAX_INTERVAL_MONTHS

/**
 * The article's own interval when set; else the shortest of its topics' (the riskiest topic
 * decides); else the publisher-wide default (REVIEW_INTERVAL_MONTHS).
 */
export const effectiveIntervalMonths = ({
  article,
  topics,
  fallback,
}: {
  article: number | null | undefined
  topics: (number | null | undefined)[]
  fallback: number
}): number => {
  if (isIntervalMonths(article)) {
    return article
  }
  const byTopic = topics.filter(isIntervalMonths)
  return byTopic.length ? Math.min(...byTopic) : fallback
}
