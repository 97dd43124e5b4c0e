import fs from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

import { REFUSAL_STATUS } from '@/shared/refusals'

type Service = { command?: string[]; environment?: Record<string, string> }

const SOURCE_DIRS = ['src', 'collections', 'access', 'fields']

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      return entry.name === 'app' ? [] : sourceFiles(full)
    }
    return /\.tsx?$/.test(entry.name) ? [full] : []
  })

/** Every environment variable the application reads, found in its source. */
const variablesTheAppReads = (): Set<string> => {
  const names = new Set<string>()
  for (const file of [...SOURCE_DIRS.flatMap(sourceFiles), 'payload.config.ts']) {
    const text = fs.readFileSync(file, 'utf8')
    for (const match of text.matchAll(
      /\benv(?:\?)?\.([A-Z][A-Z0-9_]+)|env\[['"]([A-Z][A-Z0-9_]+)['"]\]|(?:seconds|count)\(env, '([A-Z][A-Z0-9_]+)'/g,
    )) {
      names.add((match[1] ?? match[2] ?? match[3]) as string)
    }
  }
  return names
}

const compose = parse(fs.readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
  services: Record<string, Service>
}
const appServices = ['app1', 'app2', 'worker']

describe('docker-compose.yml', () => {
  const reads = variablesTheAppReads()

  it('sets only variables the app reads, on every app service', () => {
    expect(reads.has('DATABASE_URI')).toBe(true)
    for (const name of appServices) {
      const unknown = Object.keys(compose.services[name]?.environment ?? {}).filter(
        (key) => !reads.has(key),
      )
      expect({ service: name, unknown }).toEqual({ service: name, unknown: [] })
    }
  })

  it('runs production on a MongoDB replica set with a required secret', () => {
    for (const name of appServices) {
      const env = compose.services[name]?.environment ?? {}
      expect(env.NODE_ENV).toBe('production')
      expect(env.DATABASE_URI).toMatch(
        /^mongodb:\/\/mongo1:27017,mongo2:27017,mongo3:27017\/signoff\?replicaSet=rs0$/,
      )
      expect(env.PAYLOAD_SECRET).toMatch(/:\?/)
    }
    expect(
      Object.keys(compose.services).filter(
        (name) => name.startsWith('mongo') && name !== 'mongo-init',
      ),
    ).toHaveLength(3)
  })

  it('leaves the jobs queue to the one worker', () => {
    expect(compose.services.app1?.environment?.JOBS_AUTORUN).toBe('false')
    expect(compose.services.app2?.environment?.JOBS_AUTORUN).toBe('false')
    expect(compose.services.worker?.environment?.JOBS_AUTORUN).toBeUndefined()
    expect(compose.services.worker?.command).toEqual(['npm', 'run', 'worker'])
    const scripts = (
      JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
    ).scripts
    expect(scripts.worker).toBeDefined()
  })
})

describe('docs/configuration.md', () => {
  it('documents every environment variable the app reads', () => {
    const docs = fs.readFileSync('docs/configuration.md', 'utf8')
    const missing = [...variablesTheAppReads()].filter((name) => !docs.includes(`\`${name}\``))
    expect(missing).toEqual([])
  })
})

describe('docs/workflow.md', () => {
  it('lists every refusal code with its status', () => {
    const docs = fs.readFileSync('docs/workflow.md', 'utf8')
    const wrong = Object.entries(REFUSAL_STATUS).filter(
      ([code, status]) => !new RegExp(`^\\| \`${code}\`\\s*\\| ${status} `, 'm').test(docs),
    )
    expect(wrong).toEqual([])
  })
})
