/**
 * Builds what `npm start` runs, each part only when it is missing or older than its code:
 * the admin (`next build`, into .next/) and the server compiled to plain JavaScript (esbuild, into
 * dist/), so a start neither compiles TypeScript nor loads a compiler. Used by `npm start`,
 * `npm run build`, `npm run bench` and, once per run, the test suite.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { build } from 'esbuild'
import type { Plugin } from 'esbuild'

import { withExclusiveLock } from './buildLock'
import {
  LOCK_DIR,
  SERVER_BUNDLE,
  isAdminFresh,
  isBuildCurrent,
  isServerFresh,
} from './buildState.mjs'

type Env = Record<string, string | undefined>

const buildAdmin = (env: Env): void => {
  console.log(
    fs.existsSync('.next/BUILD_ID')
      ? 'The admin changed since the last build: rebuilding…'
      : 'Building the admin (first start only, about a minute)…',
  )
  const result = spawnSync('npx', ['next', 'build'], {
    stdio: 'inherit',
    // Next's telemetry would call an outside host; Signoff runs on closed networks.
    env: { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  })
  if (result.status !== 0) {
    throw new Error('The admin build failed (output above). Fix it, then run `npm start` again.')
  }
}

/**
 * In one bundle every module would see the bundle's `import.meta.url`; each keeps its own, written
 * relative to the bundle, so paths computed from it (the project root, migrations) stay right
 * wherever the checkout lives.
 */
const keepModuleUrls = (outDir: string): Plugin => ({
  name: 'keep-module-urls',
  setup: (pluginBuild) => {
    pluginBuild.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) {
        return undefined
      }
      const source = fs.readFileSync(args.path, 'utf8')
      if (!source.includes('import.meta.url')) {
        return undefined
      }
      const relative = path.relative(outDir, args.path).split(path.sep).join('/')
      return {
        contents: source.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(relative)}, import.meta.url).href`,
        ),
        loader: args.path.endsWith('x') ? 'tsx' : 'ts',
      }
    })
  },
})

const buildServer = async (): Promise<void> => {
  const outdir = path.dirname(path.resolve(SERVER_BUNDLE))
  await build({
    // The server, and its render thread (src/delivery/readModel/renderThread.ts).
    entryPoints: { start: 'src/cli/start.ts', renderThread: 'src/cli/renderThread.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    define: { 'process.env.SIGNOFF_COMPILED': '"true"' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // node_modules load as they are; only Signoff's own TypeScript is compiled.
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [keepModuleUrls(outdir)],
  })
}

/** Two builds writing one .next/ corrupt it: a build waits for one already running, then rechecks. */
/** `env` is the environment `next build` runs in (the caller's). */
export const ensureBuild = async ({ env }: { env: Env }): Promise<void> => {
  const lockDir = path.resolve(LOCK_DIR)
  if (isBuildCurrent()) {
    return
  }
  await withExclusiveLock({
    lockDir,
    work: async () => {
      if (!isAdminFresh()) {
        buildAdmin(env)
      }
      if (!isServerFresh()) {
        await buildServer()
      }
    },
  })
}
