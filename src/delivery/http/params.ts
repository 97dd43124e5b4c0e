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

/** One text value of at most 200 characters, trimmed; blank is absent, anything else a 400. */
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
  return value.trim() || undefined
}
