/** The most documents one API request may ask for; the delivery API and the admin stay within it. */
const MAX_PAGE_SIZE = 100
export const MAX_PAGE = 100_000

const isWhole = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value)

/**
 * Why a list request's paging cannot be served, or null. Payload reads `limit=0` and
 * `pagination=false` as "everything", and passes negative pages to the database.
 */
export const queryBoundsProblem = ({
  limit,
  page,
  pagination,
}: {
  limit?: unknown
  page?: unknown
  pagination?: unknown
}): string | null => {
  if (limit !== undefined && (!isWhole(limit) || limit < 1 || limit > MAX_PAGE_SIZE)) {
    return `"limit" must be a whole number from 1 to ${MAX_PAGE_SIZE}.`
  }
  if (page !== undefined && (!isWhole(page) || page < 1 || page > MAX_PAGE)) {
    return `"page" must be a whole number from 1 to ${MAX_PAGE}.`
  }
  if (pagination === false || pagination === 'false') {
    return `Lists are paginated: ask for pages of at most ${MAX_PAGE_SIZE} ("limit") instead.`
  }
  return null
}

/** Query-string paging as sent: `?limit=abc` would otherwise be silently ignored. */
export const rawQueryBoundsProblem = (query: Record<string, unknown>): string | null => {
  const numberOf = (name: 'limit' | 'page') => {
    const value = query[name]
    if (value === undefined) {
      return undefined
    }
    return typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : NaN
  }
  return queryBoundsProblem({
    limit: numberOf('limit'),
    page: numberOf('page'),
    pagination: query.pagination,
  })
}
