import Database from 'libsql'

type Prepare = (this: unknown, sql: string) => unknown
type Result = { rows: { detail: string }[] }
export type Execute = (statement: { sql: string; args: unknown[] }) => Promise<Result>

const prototype = (Database as unknown as { prototype: { prepare: Prepare } }).prototype

/** The SQL statements `work` prepares, on any SQLite connection of this process. */
export const statementsOf = async (work: () => Promise<unknown>): Promise<string[]> => {
  const prepare = prototype.prepare
  const seen: string[] = []
  prototype.prepare = function (sql) {
    seen.push(sql)
    return prepare.call(this, sql)
  }
  try {
    await work()
  } finally {
    prototype.prepare = prepare
  }
  return seen
}

/** SQLite's plan for `sql` on a connection, its steps joined by " | " (every parameter 1). */
export const planOn = async (execute: Execute, sql: string): Promise<string> => {
  const args = Array.from(sql.match(/\?/g) ?? [], () => 1)
  const { rows } = await execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args })
  return rows.map((row) => row.detail).join(' | ')
}
