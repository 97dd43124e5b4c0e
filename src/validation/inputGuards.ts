import { NotFound, ValidationError } from 'payload'
import type {
  CollectionBeforeOperationHook,
  Config,
  CollectionSlug,
  PayloadRequest,
  Plugin,
} from 'payload'

import { withCollectionHooks } from '@/shared/configHooks'
import { RequestError } from '@/shared/RequestError'

import { inputProblems, referencedIds } from './inputShape'
import type { Reference } from './inputShape'
import { queryBoundsProblem } from './queryBounds'
import { isPollutingQueryKey, measureWhere, PROTOTYPE_KEY_IN_QUERY } from './whereBounds'
import type { WhereCost } from './whereBounds'
import { richTextProblems } from './richText'
import { fieldLookup, whereValueProblem } from './whereValues'
import type { QueriedField } from './whereValues'

/** Besides its fields, an account accepts a password (and the admin's confirmation of it). */
const AUTH_KEYS = ['password', 'confirm-password']

type OperationArgs = { data?: unknown; overrideAccess?: boolean; currentDepth?: number }

/** A call made for a client (REST, GraphQL, the admin's fetches), not trusted code of ours. */
const isForClient = (req: PayloadRequest, args: OperationArgs) =>
  (req.payloadAPI === 'REST' || req.payloadAPI === 'GraphQL') && args.overrideAccess !== true

/** SQLite ids are numbers: `/api/articles/abc` is a document that does not exist, not a crash. */
const isWellFormedId = (req: PayloadRequest, id: unknown) =>
  req.payload.db.defaultIDType !== 'number' || /^\d{1,15}$/.test(String(id))

/**
 * The references whose document does not exist. Payload checks only the shape of an id, so a
 * missing one failed later in the database (a 500), or was stored dangling in a draft.
 */
const missingReferences = async ({
  req,
  references,
}: {
  req: PayloadRequest
  references: Reference[]
}): Promise<Reference[]> => {
  const existing = new Set<string>()
  for (const collection of new Set(references.map((reference) => reference.collection))) {
    const ids = references
      .filter((reference) => reference.collection === collection)
      .map((reference) => reference.id)
      .filter((id) => isWellFormedId(req, id))
    if (ids.length > 0) {
      const { docs } = await req.payload.find({
        collection: collection as CollectionSlug,
        where: { id: { in: ids } },
        pagination: false,
        depth: 0,
        select: {},
        overrideAccess: true,
        req,
      })
      docs.forEach((doc) => existing.add(`${collection}:${doc.id}`))
    }
  }
  return references.filter(({ collection, id }) => !existing.has(`${collection}:${id}`))
}

/**
 * Unknown keys, wrongly typed values and references to documents that do not exist are a 400
 * that names them, not silently dropped, coerced, or a database error.
 */
const rejectMalformedInput: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  req,
}) => {
  if (!isForClient(req, args as OperationArgs)) {
    return args
  }
  const { id } = args as { id?: unknown }
  if (id !== undefined && !isWellFormedId(req, id)) {
    throw new NotFound(req.t)
  }
  if (operation !== 'create' && operation !== 'update') {
    return args
  }
  const { data } = args as OperationArgs
  const problems = inputProblems({
    fields: collection.flattenedFields,
    // A bulk update by `where` without a body has no data; `null` sent as the body is an error.
    data: data === undefined ? {} : data,
    extraKeys: collection.auth ? AUTH_KEYS : [],
    richTextProblems: (value) => richTextProblems({ value }),
  })
  if (problems.length > 0) {
    throw new ValidationError({ collection: collection.slug, errors: problems.slice(0, 20) })
  }
  const missing = await missingReferences({
    req,
    references: referencedIds({ fields: collection.flattenedFields, data }),
  })
  if (missing.length > 0) {
    throw new ValidationError({
      collection: collection.slug,
      errors: missing.map(({ path, collection: target, id }) => ({
        path,
        message: `There is no ${target} document with id ${JSON.stringify(id)}.`,
      })),
    })
  }
  return args
}

/**
 * Requests whose client operation has been checked. A REST request runs one operation for the
 * client (after authentication, which overrides access); each GraphQL field resolves on a request
 * object of its own. Later operations on the same request (population, our hooks) are not the
 * client's and may legitimately read everything they need.
 */
const checkedRequests = new WeakSet<PayloadRequest>()

/**
 * What each HTTP request's queries have used: GraphQL resolves each field (aliases too) on a copy
 * of the request, and the copies share its headers.
 */
const spentByRequest = new WeakMap<object, WhereCost>()

/**
 * Why a client operation's query cannot be served, or null. The raw query string (form-encoded
 * searches included) is read too, because Payload's parser silently drops `__proto__`-style keys.
 */
const whereProblem = ({ req, where }: { req: PayloadRequest; where: unknown }): string | null => {
  if ([...(req.searchParams?.keys() ?? [])].some(isPollutingQueryKey)) {
    return PROTOTYPE_KEY_IN_QUERY
  }
  const { spent, problem } = measureWhere({ where, spent: spentByRequest.get(req.headers) })
  spentByRequest.set(req.headers, spent)
  return problem
}

/**
 * Lists come in pages of at most 100 on every door (250 when they name at most 250 documents by
 * id, as the admin's related-document lookups do): Payload reads `limit: 0` and `pagination: false`
 * as "everything" and passes negative pages to the database. Queries are bounded too (conditions,
 * list values, nesting; src/validation/whereBounds.ts): SQLite answered big ones with a 500. The
 * server also checks the query string itself (src/server/requestGuards.ts); this covers GraphQL
 * and searches sent as form bodies.
 */
type FlatField = { name: string; type: string; relationTo?: unknown; flattenedFields?: FlatField[] }

/** A collection's fields as the value check reads them, made once per fields list. */
const queriedFields = new WeakMap<object, QueriedField[]>()
const toQueried = (fields: FlatField[]): QueriedField[] => {
  const known = queriedFields.get(fields)
  if (known) {
    return known
  }
  const made = fields.map((field) => ({
    name: field.name,
    type: field.type,
    relationTo: field.relationTo as QueriedField['relationTo'],
    fields: field.flattenedFields ? toQueried(field.flattenedFields) : undefined,
  }))
  queriedFields.set(fields, made)
  return made
}

/** Why a value in the query does not fit its field (a date, a number, an id), or null. */
const valueProblem = ({
  req,
  fields,
  where,
}: {
  req: PayloadRequest
  fields: FlatField[]
  where: unknown
}): string | null =>
  whereValueProblem({
    where,
    idsAreNumbers: req.payload.db.defaultIDType === 'number',
    lookup: fieldLookup({
      fields: toQueried(fields),
      fieldsOf: (slug) => {
        const other = req.payload.collections[slug as CollectionSlug]?.config.flattenedFields
        return other ? toQueried(other as FlatField[]) : null
      },
    }),
  })

const boundClientLists: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  const opArgs = args as OperationArgs & {
    limit?: unknown
    page?: unknown
    pagination?: unknown
    where?: unknown
  }
  if (!isForClient(req, opArgs) || opArgs.currentDepth !== undefined || checkedRequests.has(req)) {
    return args
  }
  checkedRequests.add(req)
  const problem =
    whereProblem({ req, where: opArgs.where }) ??
    (operation === 'read' || operation === 'findVersions'
      ? queryBoundsProblem({
          limit: opArgs.limit,
          page: opArgs.page,
          pagination: opArgs.pagination,
          where: opArgs.where,
        })
      : null) ??
    valueProblem({
      req,
      fields: collection.flattenedFields as FlatField[],
      where: opArgs.where,
    })
  if (problem) {
    throw new RequestError(problem)
  }
  return args
}

/**
 * Unknown keys, wrong types, missing references and unbounded lists or queries from outside get a
 * 400 in every collection: the guards go in front of each collection's own beforeOperation hooks.
 */
export const inputGuardsPlugin: Plugin = (config: Config): Config => ({
  ...config,
  collections: withCollectionHooks({
    collections: config.collections ?? [],
    slugs: 'all',
    hooks: { beforeOperation: [rejectMalformedInput, boundClientLists] },
    isFirst: true,
  }),
})
