/**
 * Values a query compares a field with must be of the field's kind: a date for a date, a number
 * for a number or (on SQLite) a document id, `true`/`false` for `exists`, and geographic operators
 * only on points. Payload passes such values to the database as they come, and SQLite answered a
 * 500 for `where[publishedAt][greater_than]=soon` or `where[topics][equals]=abc`.
 */

/** What the check needs to know of a field: its type, and where a relationship leads. */
export type QueriedField = {
  type: string
  relationTo?: string | string[]
  /** Sub-fields of a group or an array. */
  fields?: QueriedField[]
  name: string
}

/** How a path resolves: the field at its end, or null when it cannot tell (Payload then checks). */
export type FieldLookup = (path: string) => QueriedField | { type: 'id'; name: 'id' } | null

const COMPARISONS = new Set([
  'equals',
  'not_equals',
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
  'in',
  'not_in',
  'all',
])
const LISTS = new Set(['in', 'not_in', 'all'])
const GEOGRAPHIC = new Set(['near', 'within', 'intersects'])

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

/** `in=1,2` arrives as text, `in[0]=1` as a list: the values either way. */
const valuesOf = (operator: string, operand: unknown): unknown[] => {
  if (LISTS.has(operator)) {
    if (typeof operand === 'string') {
      return operand.split(',')
    }
    if (isObject(operand)) {
      return Array.isArray(operand) ? operand : Object.values(operand)
    }
  }
  return [operand]
}

const isNothing = (value: unknown) => value === null || value === 'null' || value === ''

const isDate = (value: unknown) =>
  (typeof value === 'string' || typeof value === 'number') &&
  !Number.isNaN(Date.parse(String(value)))

const isNumber = (value: unknown) =>
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()))

type Kind = 'date' | 'number' | null

const kindOf = (field: ReturnType<FieldLookup>, idsAreNumbers: boolean): Kind => {
  if (!field) {
    return null
  }
  if (field.type === 'date') {
    return 'date'
  }
  if (field.type === 'number') {
    return 'number'
  }
  const isReference =
    field.type === 'id' ||
    ((field.type === 'relationship' || field.type === 'upload') &&
      typeof (field as QueriedField).relationTo === 'string')
  return isReference && idsAreNumbers ? 'number' : null
}

const KIND_WORDS: Record<NonNullable<Kind>, string> = {
  date: 'a date such as "2026-12-02" or "2026-12-02T09:00:00Z"',
  number: 'a number',
}

/** The first value in `where` that does not fit its field, as a sentence naming it, or null. */
export const whereValueProblem = ({
  where,
  lookup,
  idsAreNumbers,
}: {
  where: unknown
  lookup: FieldLookup
  idsAreNumbers: boolean
}): string | null => {
  if (!isObject(where)) {
    return null
  }
  for (const [key, item] of Object.entries(where)) {
    if (/^(and|or)$/i.test(key)) {
      const clauses = isObject(item) ? (Array.isArray(item) ? item : Object.values(item)) : []
      for (const clause of clauses) {
        const problem = whereValueProblem({ where: clause, lookup, idsAreNumbers })
        if (problem) {
          return problem
        }
      }
      continue
    }
    if (!isObject(item) || Array.isArray(item)) {
      continue
    }
    const field = lookup(key)
    for (const [operator, operand] of Object.entries(item)) {
      const at = `where[${key}][${operator}]`
      if (GEOGRAPHIC.has(operator) && field && field.type !== 'point') {
        return `${at}: "${operator}" works on a point (a location); "${key}" is not one.`
      }
      if (operator === 'exists' && !['true', 'false', true, false].includes(operand as string)) {
        return `${at} must be true or false.`
      }
      const kind = kindOf(field, idsAreNumbers)
      if (!kind || !COMPARISONS.has(operator)) {
        continue
      }
      const fits = kind === 'date' ? isDate : isNumber
      const misfit = valuesOf(operator, operand).find(
        (value) =>
          !fits(value) &&
          !(isNothing(value) && (operator === 'equals' || operator === 'not_equals')),
      )
      if (misfit !== undefined) {
        return `${at} must be ${KIND_WORDS[kind]}${LISTS.has(operator) ? ' (each of them)' : ''}; it was ${JSON.stringify(misfit)}.`
      }
    }
  }
  return null
}

/**
 * Follows a dotted path through a collection's fields: into groups and arrays, and across a
 * relationship to the related collection's fields. `version.` paths (version history) start at
 * the document's fields.
 */
export const fieldLookup =
  ({
    fields,
    fieldsOf,
  }: {
    fields: QueriedField[]
    /** The fields of another collection, for paths that cross a relationship. */
    fieldsOf: (slug: string) => QueriedField[] | null
  }): FieldLookup =>
  (path) => {
    const segments = path.replace(/^version\./, '').split('.')
    let current: QueriedField[] | null = fields
    let found: QueriedField | null = null
    for (const [index, segment] of segments.entries()) {
      if (!current) {
        return null
      }
      if (segment === 'id' && index === segments.length - 1) {
        return { type: 'id', name: 'id' }
      }
      found = current.find((field) => field.name === segment) ?? null
      if (!found) {
        return null
      }
      const isLast = index === segments.length - 1
      if (isLast) {
        return found
      }
      if (found.type === 'relationship' || found.type === 'upload') {
        current = typeof found.relationTo === 'string' ? fieldsOf(found.relationTo) : null
      } else {
        current = found.fields ?? null
      }
    }
    return found
  }
