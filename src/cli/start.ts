/**
 * `npm start`: builds the admin when the build is missing or older than the code, then serves
 * everything on PORT (default 3000). `--dev` serves Next in development mode instead of building.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { ConfigError } from '../config/env'
import { startServer } from '../server'

const BUILD_INPUTS = [
  'src/app',
  'src/admin',
  'collections',
  'fields',
  'access',
  'payload.config.ts',
  'next.config.mjs',
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

const ensureBuild = (): void => {
  const buildId = path.resolve('.next/BUILD_ID')
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0
  if (builtAt > Math.max(...BUILD_INPUTS.map(newestChange))) {
    return
  }
  console.log(
    builtAt
      ? 'The admin changed since the last build: rebuilding…'
      : 'Building the admin (first start only, about a minute)…',
  )
  const result = spawnSync('npx', ['next', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.status !== 0) {
    console.error('The admin build failed (output above). Fix it, then run `npm start` again.')
    process.exit(1)
  }
}

const main = async (): Promise<void> => {
  const isDev = process.argv.includes('--dev')
  if (!isDev) {
    ensureBuild()
  }
  const port = Number(process.env.PORT || 3000)
  const running = await startServer({ port, isDev })
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message)
  } else {
    console.error('Signoff could not start:', error)
  }
  process.exit(1)
})
