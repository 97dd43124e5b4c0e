/**
 * The server: `npm start` builds what is stale (src/cli/build.ts), then runs this file compiled
 * (dist/start.mjs) on PORT (default 3000). `--dev` (npm run dev) serves Next in development mode
 * straight from the TypeScript instead.
 */
import { ConfigError } from '@/config/env'
import { startServer } from '@/server/app'

const main = async (): Promise<void> => {
  const isDev = process.argv.includes('--dev')
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
