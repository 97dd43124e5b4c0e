/**
 * `npm start`: builds the admin when the build is missing or older than the code, then serves
 * everything on PORT (default 3000). `--dev` serves Next in development mode instead of building.
 */
import { ConfigError } from '../config/env'
import { startServer } from '../server'
import { ensureBuild } from './ensureBuild'

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
