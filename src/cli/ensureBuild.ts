/**
 * Builds the admin (`next build`) when there is no build or the code is newer than it.
 * Used by `npm start` and, once per run, by the test suite.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { withExclusiveLock } from './buildLock'

// Everything the admin bundle is made from (src/ also holds what the collections import).
const BUILD_INPUTS = [
  'src',
  'collections',
  'fields',
  'access',
  'payload.config.ts',
  'next.config.mjs',
  'tsconfig.json',
  'package-lock.json',
]

const newestChange = (entry: string): number => {
  if (!fs.existsSync(entry)) {
    return 0
  }
  const stat = fs.statSync(entry)
  if (!stat.isDirectory()) {
    return stat.mtimeMs
  }
  return Math.max(
    stat.mtimeMs,
    ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))),
  )
}

// Outside .next: `next build` empties that folder.
const LOCK_DIR = '.next-build.lock'

const builtAt = (): number => {
  const buildId = path.resolve('.next/BUILD_ID')
  return fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0
}

const isFresh = (): boolean => builtAt() > Math.max(...BUILD_INPUTS.map(newestChange))

const build = (): void => {
  console.log(
    builtAt()
      ? 'The admin changed since the last build: rebuilding…'
      : 'Building the admin (first start only, about a minute)…',
  )
  const result = spawnSync('npx', ['next', 'build'], {
    stdio: 'inherit',
    // Next's telemetry would call an outside host; Signoff runs on closed networks.
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  })
  if (result.status !== 0) {
    throw new Error('The admin build failed (output above). Fix it, then run `npm start` again.')
  }
}

/** Two builds writing one .next/ corrupt it: a build waits for one already running, then rechecks. */
export const ensureBuild = (): void => {
  const lockDir = path.resolve(LOCK_DIR)
  // While another process builds, .next/ is half written: wait for it even if it looks fresh.
  if (isFresh() && !fs.existsSync(lockDir)) {
    return
  }
  withExclusiveLock({
    lockDir,
    work: () => {
      if (!isFresh()) {
        build()
      }
    },
  })
}
