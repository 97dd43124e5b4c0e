import { isPrototypeKey } from './prototypeKeys'

/** The most conditions (one operator on one field) a client's queries may hold in one request. */
export const MAX_WHERE_CONDITIONS = 100
/** The most values their lists (`in: [1, 2]`, `in: '1,2'`) may hold in all, per request. */
export const MAX_WHERE_VALUES = 1000
/** The most levels of `and`/`or` a query may nest; the admin's list filters use two. */
export const MAX_WHERE_DEPTH = 8
/** Operator values are text, numbers, lists or GeoJSON: a few levels at most. */
const MAX_WHERE_VALUE_DEPTH = 8

const TOO_MANY_CONDITIONS = `A query may hold at most ${MAX_WHERE_CONDITIONS} conditions (a field and an operator each) per request; split it into smaller queries.`
const TOO_MANY_VALUES = `A query's lists may hold at most ${MAX_WHERE_VALUES} values in all per request; split it into smaller queries.`
export const TOO_DEEP = `A query may nest "and"/"or" at most ${MAX_WHERE_DEPTH} levels deep.`
const VALUE_TOO_DEEP = `A query's values may nest at most ${MAX_WHERE_VALUE_DEPTH} levels deep.`
export const PROTOTYPE_KEY_IN_QUERY =
  'Query keys named __proto__, constructor or prototype are not accepted.'

/** What a request's queries have used so far. */
export type WhereCost = { conditions: number; values: number }

/** Payload splits these operators' text values on commas: each part is a database parameter. */
const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

const isAndOr = (key: string) => /^(and|or)$/i.test(key)

/** `__proto__`, `a[constructor]`, `where[constructor][prototype]`: any bracket segment of a raw query key. */
export const isPollutingQueryKey = (key: string): boolean => key.split(/[[\]]/).some(isPrototypeKey)

/** A field path such as `author.__proto__` names no field; Payload would follow it segment by segment. */
const isPollutingPath = (key: string) => key.split('.').some(isPrototypeKey)

/** Lists arrive as arrays, or as objects keyed by index when a query string skips indices. */
const entriesOf = (value: Record<string, unknown>): unknown[] =>
  Array.isArray(value) ? value : Object.values(value)

type Pending = { value: unknown; isClause: boolean; depth: number }

/**
 * What a `where` costs on top of `spent`, and why it cannot be served (or null): more conditions or
 * list values than a request may use, `and`/`or` nested too deep, or a prototype key anywhere in it.
 * SQLite fails on a thousand conditions with a 500, and Payload's own walks recurse, so this one
 * keeps its own stack and stops at the first problem.
 */
export const measureWhere = ({
  where,
  spent = { conditions: 0, values: 0 },
}: {
  where: unknown
  spent?: WhereCost
}): { spent: WhereCost; problem: string | null } => {
  let { conditions, values } = spent
  const answer = (problem: string | null) => ({ spent: { conditions, values }, problem })
  const pending: Pending[] = [{ value: where, isClause: true, depth: 0 }]
  while (pending.length > 0) {
    const { value, isClause, depth } = pending.pop() as Pending
    if (!isObject(value)) {
      continue
    }
    if (!isClause) {
      if (depth > MAX_WHERE_VALUE_DEPTH) {
        return answer(VALUE_TOO_DEEP)
      }
      if (Array.isArray(value)) {
        values += value.length
        if (values > MAX_WHERE_VALUES) {
          return answer(TOO_MANY_VALUES)
        }
      }
      for (const [key, item] of Object.entries(value)) {
        if (isPrototypeKey(key)) {
          return answer(PROTOTYPE_KEY_IN_QUERY)
        }
        pending.push({ value: item, isClause: false, depth: depth + 1 })
      }
      continue
    }
    for (const [key, item] of Object.entries(value)) {
      if (isPollutingPath(key)) {
        return answer(PROTOTYPE_KEY_IN_QUERY)
      }
      if (isAndOr(key) && isObject(item)) {
        if (depth + 1 > MAX_WHERE_DEPTH) {
          return answer(TOO_DEEP)
        }
        const clauses = entriesOf(item)
        // Each clause of a list holds a condition or is a no-op; a longer list only costs.
        if (conditions + clauses.length > MAX_WHERE_CONDITIONS) {
          return answer(TOO_MANY_CONDITIONS)
        }
        clauses.forEach((clause) =>
          pending.push({ value: clause, isClause: true, depth: depth + 1 }),
        )
        continue
      }
      // A field's operators: `{ title: { equals: 'a', like: 'b' } }` is two conditions.
      const operators = isObject(item) && !Array.isArray(item) ? Object.entries(item) : [['', item]]
      conditions += operators.length
      if (conditions > MAX_WHERE_CONDITIONS) {
        return answer(TOO_MANY_CONDITIONS)
      }
      for (const [operator, operand] of operators) {
        if (isPrototypeKey(String(operator))) {
          return answer(PROTOTYPE_KEY_IN_QUERY)
        }
        if (typeof operand === 'string' && LIST_OPERATORS.has(String(operator))) {
          values += operand.split(',').length
          if (values > MAX_WHERE_VALUES) {
            return answer(TOO_MANY_VALUES)
          }
        }
        pending.push({ value: operand, isClause: false, depth: 1 })
      }
    }
  }
  return answer(null)
}
