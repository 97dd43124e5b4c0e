/**
 * The server: `npm start` builds what is stale (src/cli/build.ts), then runs this file compiled
 * (dist/start.mjs) on PORT (default 3000). `--dev` (npm run dev) serves Next in development mode
 * straight from the TypeScript instead.
 */
import { port } from '@/config/env'
import { startServer } from '@/server/start'

import { loadConfig, main, stopOnSignal } from './main'

/**
 * The render thread's script: compiled beside this file when this runs compiled (the build defines
 * SIGNOFF_COMPILED), else the TypeScript, behind a loader of its own.
 */
const renderThread =
  process.env.SIGNOFF_COMPILED === 'true'
    ? new URL('../../dist/renderThread.mjs', import.meta.url)
    : new URL('./renderThreadFromSource.mjs', import.meta.url)

main({
  keepRunning: true,
  failure: 'Signoff could not start',
  run: async () => {
    const running = await startServer({
      port: port(),
      isDev: process.argv.includes('--dev'),
      loadConfig,
      renderThread,
    })
    stopOnSignal(running.close)
  },
})
