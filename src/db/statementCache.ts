import Database from 'libsql'

type Connection = InstanceType<typeof Database>
type Statement = ReturnType<Connection['prepare']>

/** Prepared statements kept per connection, least recently used first out. */
export const STATEMENTS_PER_CONNECTION = 500

const caches = new WeakMap<Connection, Map<string, Statement>>()

/** Statements that change the schema: the connection's cached statements describe the old one. */
const isSchemaChange = (sql: string): boolean => /^\s*(create|alter|drop)\b/i.test(sql)

/**
 * Whether a `*` stands outside every parenthesis and quote: in the statement's own result
 * (`SELECT *`, `RETURNING *`), or an arithmetic one at its top level, counted too. A `*` inside a
 * subquery or a call (`count(*)`, Payload's `(select * from "articles_rels" …)` read by named
 * columns) cannot change which columns the statement answers with.
 */
const hasTopLevelStar = (sql: string): boolean => {
  let depth = 0
  let quote: string | null = null
  for (const char of sql) {
    if (quote) {
      if (char === quote) {
        quote = null
      }
    } else if (char === "'" || char === '"' || char === '`') {
      quote = char
    } else if (char === '(') {
      depth += 1
    } else if (char === ')') {
      depth -= 1
    } else if (char === '*' && depth <= 0) {
      return true
    }
  }
  return false
}

/**
 * A kept statement answers with the columns it was prepared with, even after SQLite prepared it
 * again for a schema another connection changed: `SELECT *` would miss a column added since.
 * Statements that name their result's columns are not affected; those with a `*` of their own are
 * not kept.
 */
const isKeepable = (sql: string): boolean =>
  !isSchemaChange(sql) && (!sql.includes('*') || !hasTopLevelStar(sql))

let installed = false

/** What `raw()` throws for a statement that returns no rows, made once. */
const NOT_A_READER = new TypeError('The raw() method is only for statements that return data')

/**
 * Keeps each SQLite connection's prepared statements for reuse. @libsql/client prepares every
 * statement it runs afresh (and asks for its columns twice), and a write to Payload costs about
 * fifteen statements: seeding spent about an eighth of its CPU time preparing them and asking, and
 * the rest of the app does the same on every read and write. Safe because the client uses a
 * statement synchronously from preparing it until its rows are read (`all`) or it has run (`run`);
 * SQLite prepares a kept statement again by itself when the schema changed, and only statements
 * that name their result's columns (no `*` outside a subquery) are kept, so their column lists
 * cannot go stale. A schema change through a connection, or closing it, drops that connection's
 * statements; a run that failed drops its statement. Installed once per thread (every connection
 * opened from then on), before the SQLite adapter connects.
 */
export const cacheStatements = (): void => {
  if (installed) {
    return
  }
  installed = true
  const proto = Database.prototype as Connection
  const prepare = proto.prepare
  const exec = proto.exec
  const close = proto.close
  proto.prepare = function (this: Connection, sql: string) {
    if (!isKeepable(sql)) {
      if (isSchemaChange(sql)) {
        caches.delete(this)
      }
      return prepare.call(this, sql)
    }
    let statements = caches.get(this)
    if (!statements) {
      statements = new Map()
      caches.set(this, statements)
    }
    const cached = statements.get(sql)
    if (cached) {
      // Most recently used last.
      statements.delete(sql)
      statements.set(sql, cached)
      return cached
    }
    const statement = prepare.call(this, sql)
    const columns = statement.columns.bind(statement)
    let known: ReturnType<Statement['columns']> | undefined
    statement.columns = () => (known ??= columns())
    // A run that failed (SQLITE_BUSY while taking the write lock, say) may leave the statement
    // un-reset, holding the snapshot it began with: such a statement is not used again, as before.
    const kept = statements
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const call = statement[method].bind(statement) as (...args: unknown[]) => unknown
      ;(statement as Record<typeof method, unknown>)[method] = (...args: unknown[]) => {
        try {
          return call(...args)
        } catch (error) {
          if (kept.get(sql) === statement) {
            kept.delete(sql)
          }
          throw error
        }
      }
    }
    if (!statement.reader) {
      // @libsql/client asks each statement for raw rows to learn whether it returns any: one that
      // does not (a write, COMMIT) throws, and a native error each time cost more than the call.
      statement.raw = () => {
        throw NOT_A_READER
      }
    }
    statements.set(sql, statement)
    if (statements.size > STATEMENTS_PER_CONNECTION) {
      statements.delete(statements.keys().next().value as string)
    }
    return statement
  } as Connection['prepare']
  proto.exec = function (this: Connection, source: string) {
    // Several statements at once (migrations): any of them may change the schema.
    caches.delete(this)
    return exec.call(this, source)
  }
  proto.close = function (this: Connection) {
    caches.delete(this)
    return close.call(this)
  }
}

/** How many statements a connection keeps (tests). */
export const cachedStatementCount = (connection: Connection): number =>
  caches.get(connection)?.size ?? 0
