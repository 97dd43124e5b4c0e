/**
 * `npm start`: builds what is stale (src/cli/build.ts, under tsx), then runs the compiled server
 * (dist/start.mjs) in this same process: one node start instead of a check in one process and the
 * server in another. Plain JavaScript, so a start with the build present loads no TypeScript tooling.
 */
import { spawnSync } from 'node:child_process'

import { isBuildCurrent } from './buildState.mjs'

if (!isBuildCurrent()) {
  const { status } = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/build.ts'], {
    stdio: 'inherit',
  })
  if (status !== 0) {
    process.exit(status ?? 1)
  }
}
await import('../../dist/start.mjs')
