/** A query parameter the client got wrong: answered 400 with its message, never cached. */
export class BadRequest extends Error {}

/** A positive whole number from the query string, or the default; anything else is a 400. */
export const intParam = ({
  value,
  name,
  fallback,
  max,
}: {
  value: unknown
  name: string
  fallback: number
  max: number
}): number => {
  if (value === undefined) {
    return fallback
  }
  const number = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : NaN
  if (!Number.isInteger(number) || number < 1 || number > max) {
    throw new BadRequest(`"${name}" must be a whole number from 1 to ${max}.`)
  }
  return number
}

// Control characters other than whitespace: no title or slug holds one, and SQLite ends a LIKE
// pattern at NUL, so `q=%00` matched every article.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** A text parameter as the OpenAPI document states it: no character `textParam` refuses. */
export const TEXT_PATTERN = `^[^${CONTROL.source.slice(1, -1)}]*$`

/**
 * One text value of at most 200 characters without control characters, trimmed; blank is
 * absent, anything else a 400.
 */
export const textParam = ({
  value,
  name,
}: {
  value: unknown
  name: string
}): string | undefined => {
  if (value === undefined) {
    return undefined
  }
  if (typeof value !== 'string' || value.length > 200) {
    throw new BadRequest(`"${name}" must be a single text value of at most 200 characters.`)
  }
  if (CONTROL.test(value)) {
    throw new BadRequest(`"${name}" must not contain control characters.`)
  }
  return value.trim() || undefined
}

const MAX_NAMED = 5

/**
 * Refuses a query parameter the route does not read: a typo (`?LIMIT=500`) would otherwise be
 * answered as if it were not there, and every made-up parameter would be one more URL to cache.
 */
export const onlyParams = ({
  query,
  allowed,
}: {
  query: Record<string, unknown>
  allowed: readonly string[]
}): void => {
  const unknown = Object.keys(query).filter((name) => !allowed.includes(name))
  if (unknown.length === 0) {
    return
  }
  // Named up to a few: a URL may carry hundreds, and the message is for a person.
  const named = unknown.slice(0, MAX_NAMED).join(', ')
  const more = unknown.length > MAX_NAMED ? ` and ${unknown.length - MAX_NAMED} more` : ''
  throw new BadRequest(
    `Unknown query parameter${unknown.length === 1 ? '' : 's'}: ${named}${more} (allowed: ${
      allowed.length > 0 ? allowed.join(', ') : 'none'
    })`,
  )
}
