/**
 * `npm run worker`: only the jobs queues (the review-due sweep, webhook deliveries, re-rendering
 * stale published articles, notification e-mails), no web server: every queue payload.config.ts
 * lists in `jobs.autoRun`. Web instances then run with JOBS_AUTORUN=false and
 * share the database with one worker.
 */
import { isJobsAutorun } from '@/config/env'
import { ConfigError } from '@/config/errors'
import { startPayload } from '@/server/start'

import { loadConfig, main, stopOnSignal } from './main'

main({
  keepRunning: true,
  failure: 'The worker could not start',
  run: async () => {
    if (!isJobsAutorun()) {
      throw new ConfigError(
        'JOBS_AUTORUN=false is set, so this worker would run nothing: unset it for the worker.',
      )
    }
    const { payload } = await startPayload({ loadConfig })
    console.log('Signoff worker running the jobs queues (Ctrl-C to stop).')
    stopOnSignal(() => payload.destroy())
  },
})
