/**
 * `npm run worker`: only the jobs queue (the review-due sweep, webhook deliveries), no web server.
 * Web instances then run with JOBS_AUTORUN=false and share the database with one worker.
 */
import { ConfigError } from '@/config/env'
import { startPayload } from '@/server/app'

const main = async (): Promise<void> => {
  if (process.env.JOBS_AUTORUN === 'false') {
    throw new ConfigError(
      'JOBS_AUTORUN=false is set, so this worker would run nothing: unset it for the worker.',
    )
  }
  const { payload } = await startPayload()
  console.log('Signoff worker running the review-due and webhooks queues (Ctrl-C to stop).')
  const stop = () => {
    payload.destroy().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error)
  process.exit(1)
})
