/** The most documents one API request may ask for; the delivery API and the admin stay within it. */
const MAX_PAGE_SIZE = 100
/**
 * The most documents a list that names them by id may ask for: Payload's admin (3.90.1) looks
 * related documents up 250 at a time. In @payloadcms/ui/dist:
 * - elements/Table/RelationshipProvider/index.js, a list's relationship columns ("Created By"):
 *   `GET /api/users?depth=0&draft=true&limit=250&where%5Bid%5D%5Bin%5D=3%2C4&`
 *   (`where[id][in]=3,4`; `&locale=…` and `&select[name]=true` when those are configured);
 * - fields/Relationship/Input.js, a relationship field's values: `POST /api/users` with
 *   `X-Payload-HTTP-Method-Override: GET` and the form body
 *   `depth=0&draft=true&limit=<how many ids>&select[name]=true&where[id][in][0]=3&where[id][in][1]=4`;
 * - fields/Upload/Input.js, an upload field's values: the same, with `where[and][0][id][in][0]=…`.
 */
const MAX_IDS_PAGE_SIZE = 250
export const MAX_PAGE = 100_000
/** Payload parses query strings with qs, which makes lists of indices up to 1,000 and objects beyond. */
const MAX_QS_INDEX = 1000

const LIMIT_PROBLEM = `"limit" must be a whole number from 1 to ${MAX_PAGE_SIZE}, or up to ${MAX_IDS_PAGE_SIZE} when asking for at most ${MAX_IDS_PAGE_SIZE} documents by id (where[id][in]).`

const isWhole = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value)

/** `{ [key]: … }` and nothing else. */
const hasOnlyKey = (value: unknown, key: string): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).length === 1 &&
  Object.keys(value)[0] === key

/** The ids of `{ id: { in } }`, split on commas as Payload splits text; null for any other condition. */
const idsOfCondition = (condition: unknown): unknown[] | null => {
  if (!hasOnlyKey(condition, 'id')) {
    return null
  }
  const operators = condition.id
  if (!hasOnlyKey(operators, 'in')) {
    return null
  }
  const ids = operators.in
  if (Array.isArray(ids)) {
    return ids
  }
  if (typeof ids === 'string') {
    return ids.split(',')
  }
  return typeof ids === 'number' ? [ids] : null
}

/**
 * How many documents a list may ask for: 250 when its `where` names at most 250 by id and asks for
 * nothing else (`id: { in }` alone, or as the only `and` clause), 100 for every other list.
 */
export const maxLimitFor = ({ where }: { where?: unknown }): number => {
  const ids =
    hasOnlyKey(where, 'and') && Array.isArray(where.and) && where.and.length === 1
      ? idsOfCondition(where.and[0])
      : idsOfCondition(where)
  return ids !== null && ids.length <= MAX_IDS_PAGE_SIZE ? MAX_IDS_PAGE_SIZE : MAX_PAGE_SIZE
}

/**
 * Why a list request's paging cannot be served, or null. Payload reads `limit=0` and
 * `pagination=false` as "everything", and passes negative pages to the database.
 */
export const queryBoundsProblem = ({
  limit,
  page,
  pagination,
  where,
}: {
  limit?: unknown
  page?: unknown
  pagination?: unknown
  where?: unknown
}): string | null => {
  if (limit !== undefined && (!isWhole(limit) || limit < 1 || limit > maxLimitFor({ where }))) {
    return LIMIT_PROBLEM
  }
  if (page !== undefined && (!isWhole(page) || page < 1 || page > MAX_PAGE)) {
    return `"page" must be a whole number from 1 to ${MAX_PAGE}.`
  }
  if (pagination === false || pagination === 'false') {
    return `Lists are paginated: ask for pages of at most ${MAX_PAGE_SIZE} ("limit") instead.`
  }
  return null
}

/** `where[id][in]`, `…[in][]` or `…[in][7]`, alone or inside `where[and][0]`. */
const ID_LIST_KEY = /^where(?:\[and\]\[(\d+)\])?\[id\]\[in\](?:\[(\d*)\])?$/

/**
 * The `where` of a query string as far as the bounds need it. Express 5 parses query strings flat
 * (`{ 'where[id][in][0]': '3' }`), so an id list is rebuilt as Payload's qs hands it on; any other
 * bracketed `where` is null (it names no id list), and a JSON `where` is parsed as Payload does.
 */
const whereOfQuery = ({ query }: { query: Record<string, unknown> }): unknown => {
  const keys = Object.keys(query).filter((key) => key === 'where' || key.startsWith('where['))
  if (keys.length === 0) {
    return undefined
  }
  if (keys.length === 1 && keys[0] === 'where') {
    try {
      return typeof query.where === 'string' ? JSON.parse(query.where) : null
    } catch {
      return null
    }
  }
  const matches = keys.map((key) => ID_LIST_KEY.exec(key))
  const andIndices = new Set(matches.map((match) => match?.[1]))
  const isIdList =
    matches.every((match) => match !== null) &&
    andIndices.size === 1 &&
    matches.every(
      (match) => Number(match?.[1] ?? 0) <= MAX_QS_INDEX && Number(match?.[2] || 0) <= MAX_QS_INDEX,
    )
  if (!isIdList) {
    return null
  }
  const isCommaList = keys.length === 1 && matches[0]?.[2] === undefined
  const values = keys.flatMap((key) => query[key])
  const condition = { id: { in: isCommaList && values.length === 1 ? values[0] : values } }
  return [...andIndices][0] === undefined ? condition : { and: [condition] }
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
    where: whereOfQuery({ query }),
  })
}
