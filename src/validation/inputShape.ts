/** The part of a Payload field definition that says what shape of JSON it stores. */
export type ShapeField = {
  name: string
  type: string
  hasMany?: boolean
  relationTo?: string | string[]
  flattenedFields?: readonly ShapeField[]
}

type InputProblem = { path: string; message: string }

/** Keys every document carries besides its fields. */
const DOCUMENT_KEYS = ['id', 'createdAt', 'updatedAt', '_status']

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const TEXT_TYPES = new Set(['text', 'textarea', 'email', 'code', 'date', 'select', 'radio'])

/** Whether one value (not a hasMany list) has the JSON type the field stores. */
const hasScalarType = (type: string, value: unknown): boolean => {
  if (TEXT_TYPES.has(type)) {
    return typeof value === 'string'
  }
  if (type === 'number') {
    return typeof value === 'number' && Number.isFinite(value)
  }
  if (type === 'checkbox') {
    return typeof value === 'boolean'
  }
  if (type === 'relationship' || type === 'upload') {
    // An id, or {relationTo, value} for polymorphic relations; Payload checks that it exists.
    return typeof value === 'number' || typeof value === 'string' || isPlainObject(value)
  }
  if (type === 'richText') {
    return Array.isArray(value)
  }
  if (type === 'point') {
    return Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === 'number')
  }
  return true
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  checkbox: 'true or false',
  relationship: 'an id',
  upload: 'an id',
  richText: 'a list of rich text blocks',
  point: 'a [longitude, latitude] pair',
  array: 'a list of rows',
  group: 'an object',
  tab: 'an object',
}

/**
 * Keys that are not fields, and values whose JSON type is not what the field stores. Payload
 * would otherwise drop unknown keys without a word and store `{"$gt": ""}` in a text field as text.
 */
export const inputProblems = ({
  fields,
  data,
  extraKeys = [],
  richTextProblems = () => [],
  path = '',
}: {
  fields: readonly ShapeField[]
  data: unknown
  /** Keys accepted besides the fields (an auth collection's `password`). */
  extraKeys?: readonly string[]
  /** Checks a rich text value before anything copies it (a deep tree would overflow the copy). */
  richTextProblems?: (value: unknown) => string[]
  path?: string
}): InputProblem[] => {
  const at = (key: string) => (path ? `${path}.${key}` : key)
  if (!isPlainObject(data)) {
    return [{ path: path || '(request body)', message: 'Send a JSON object of field values.' }]
  }
  const byName = new Map(fields.map((field) => [field.name, field]))
  const problems: InputProblem[] = []
  for (const key of Object.keys(data)) {
    const value = data[key]
    const field = byName.get(key)
    if (!field) {
      if (!DOCUMENT_KEYS.includes(key) && !extraKeys.includes(key)) {
        problems.push({ path: at(key), message: `"${at(key)}" is not a field here.` })
      }
      continue
    }
    if (value === undefined) {
      continue
    }
    if (value === null) {
      // Payload's SQLite adapter cannot write a null list of rows (a 500): none is an empty list.
      if (field.type === 'array') {
        problems.push({
          path: at(key),
          message: `"${at(key)}" must be a list of rows; send [] for none.`,
        })
      }
      continue
    }
    const expected = EXPECTED[field.type] ?? 'text'
    if (field.type === 'array') {
      // The admin sends an array with no rows as its row count, 0.
      if (value === 0) {
        continue
      }
      if (!Array.isArray(value)) {
        problems.push({ path: at(key), message: `"${at(key)}" must be ${expected}.` })
        continue
      }
      value.forEach((row, index) => {
        problems.push(
          ...inputProblems({
            fields: field.flattenedFields ?? [],
            data: row,
            richTextProblems,
            path: `${at(key)}.${index}`,
          }),
        )
      })
      continue
    }
    if (field.type === 'group' || field.type === 'tab') {
      problems.push(
        ...inputProblems({
          fields: field.flattenedFields ?? [],
          data: value,
          richTextProblems,
          path: at(key),
        }),
      )
      continue
    }
    if (field.type === 'richText') {
      problems.push(...richTextProblems(value).map((message) => ({ path: at(key), message })))
      continue
    }
    const isWellTyped = field.hasMany
      ? Array.isArray(value) && value.every((item) => hasScalarType(field.type, item))
      : hasScalarType(field.type, value)
    if (!isWellTyped) {
      problems.push({
        path: at(key),
        message: `"${at(key)}" must be ${field.hasMany ? `a list of ${expected.replace(/^an? /, '')}s` : expected}.`,
      })
    }
  }
  return problems
}

export type Reference = { path: string; collection: string; id: number | string }

/** Every document a write points at, with the field it is in, so the write can check they exist. */
export const referencedIds = ({
  fields,
  data,
  path = '',
}: {
  fields: readonly ShapeField[]
  data: unknown
  path?: string
}): Reference[] => {
  if (!isPlainObject(data)) {
    return []
  }
  const at = (key: string) => (path ? `${path}.${key}` : key)
  return fields.flatMap((field): Reference[] => {
    const value = data[field.name]
    if (value === null || value === undefined) {
      return []
    }
    if (field.type === 'array' && Array.isArray(value)) {
      return value.flatMap((row, index) =>
        referencedIds({
          fields: field.flattenedFields ?? [],
          data: row,
          path: `${at(field.name)}.${index}`,
        }),
      )
    }
    if (field.type === 'group' || field.type === 'tab') {
      return referencedIds({
        fields: field.flattenedFields ?? [],
        data: value,
        path: at(field.name),
      })
    }
    if ((field.type !== 'relationship' && field.type !== 'upload') || !field.relationTo) {
      return []
    }
    const { relationTo } = field
    return (Array.isArray(value) ? value : [value]).flatMap((item): Reference[] => {
      const [collection, id] = Array.isArray(relationTo)
        ? isPlainObject(item)
          ? [item.relationTo, item.value]
          : [undefined, undefined]
        : [relationTo, isPlainObject(item) ? item.id : item]
      return typeof collection === 'string' && (typeof id === 'number' || typeof id === 'string')
        ? [{ path: at(field.name), collection, id }]
        : []
    })
  })
}
