/**
 * Whether the build `npm start` runs is current: plain JavaScript, so `npm start`
 * (src/cli/launch.mjs) asks with node alone and loads TypeScript tooling only when something must
 * be built.
 */
import fs from 'node:fs'
import path from 'node:path'

// Everything the admin bundle is made from (src/ also holds what the collections import).
export const ADMIN_INPUTS = [
  'src',
  'collections',
  'fields',
  'access',
  'payload.config.ts',
  'next.config.mjs',
  'tsconfig.json',
  'package-lock.json',
]
// The server also carries the migrations.
export const SERVER_INPUTS = [...ADMIN_INPUTS, 'migrations']

/** The compiled server: `node dist/start.mjs` is what `npm start` runs. */
export const SERVER_BUNDLE = 'dist/start.mjs'
/** The server's render thread, compiled beside it by the same build. */
export const RENDER_THREAD_BUNDLE = 'dist/renderThread.mjs'

// Outside .next and dist: `next build` empties its folder.
export const LOCK_DIR = '.next-build.lock'

/** @param {string} entry */
const newestChange = (entry) => {
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

/** @param {string} file */
const builtAt = (file) => (fs.existsSync(file) ? fs.statSync(path.resolve(file)).mtimeMs : 0)

export const isAdminFresh = () =>
  builtAt('.next/BUILD_ID') > Math.max(...ADMIN_INPUTS.map(newestChange))
export const isServerFresh = () =>
  Math.min(builtAt(SERVER_BUNDLE), builtAt(RENDER_THREAD_BUNDLE)) >
  Math.max(...SERVER_INPUTS.map(newestChange))

/** Both parts fresh and nobody building: while another process builds, its output is half written. */
export const isBuildCurrent = () =>
  isAdminFresh() && isServerFresh() && !fs.existsSync(path.resolve(LOCK_DIR))
