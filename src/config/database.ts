import fs from 'node:fs'
import path from 'node:path'

export const DEFAULT_SQLITE_URL = 'file:./data/signoff.db'

export type DatabaseChoice =
  { adapter: 'mongodb'; uri: string; host: string } | { adapter: 'sqlite'; url: string }

/** The host part of a MongoDB URI, credentials removed, for messages. */
export const mongoHost = (uri: string): string => {
  const afterScheme = uri.replace(/^mongodb(\+srv)?:\/\//, '')
  const authority = afterScheme.split(/[/?]/)[0] ?? ''
  return authority.slice(authority.lastIndexOf('@') + 1) || '(no host)'
}

/** `mongodb://` and `mongodb+srv://` select MongoDB; anything else, or nothing, is SQLite. */
export const chooseDatabase = ({ uri }: { uri?: string | undefined }): DatabaseChoice => {
  const value = uri?.trim()
  if (value && /^mongodb(\+srv)?:\/\//i.test(value)) {
    return { adapter: 'mongodb', uri: value, host: mongoHost(value) }
  }
  if (!value) {
    return { adapter: 'sqlite', url: DEFAULT_SQLITE_URL }
  }
  const hasScheme = /^(file|libsql|https?|wss?):/i.test(value) || value === ':memory:'
  return { adapter: 'sqlite', url: hasScheme ? value : `file:${value}` }
}

/** The file a `file:` URL names, or null for anything else (a remote libsql server, memory). */
export const sqliteFile = (url: string): string | null => {
  if (!url.startsWith('file:')) {
    return null
  }
  const file = url.slice('file:'.length).split('?')[0] ?? ''
  return file && file !== ':memory:' ? path.resolve(file) : null
}

/** libsql does not create folders: make the one a `file:` URL points into. */
export const ensureSqliteFolder = (url: string): void => {
  const file = sqliteFile(url)
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
  }
}
