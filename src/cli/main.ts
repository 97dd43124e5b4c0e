import type { SanitizedConfig } from 'payload'

import { ConfigError } from '@/config/errors'

/**
 * Runs a command: a ConfigError prints only its message (it says what to set), anything else its
 * stack; both exit 1. `keepRunning` commands (the server, the worker) stay up after `run` returns.
 */
export const main = ({
  run,
  keepRunning = false,
  failure = 'failed',
}: {
  run: () => Promise<void>
  keepRunning?: boolean
  /** How the first line of an unexpected error starts, e.g. "Signoff could not start". */
  failure?: string
}): void => {
  run().then(
    () => {
      if (!keepRunning) {
        process.exit(0)
      }
    },
    (error: unknown) => {
      if (error instanceof ConfigError) {
        console.error(error.message)
      } else {
        console.error(`${failure}:`, error)
      }
      process.exit(1)
    },
  )
}

/** Ends the process once `close` has run, on Ctrl-C or a stop from the process manager. */
export const stopOnSignal = (close: () => Promise<void>): void => {
  const stop = () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

/** payload.config.ts, loaded when a command needs it (inside `main`, so its errors are reported). */
export const loadConfig = async (): Promise<SanitizedConfig> =>
  (await import('@payload-config')).default
