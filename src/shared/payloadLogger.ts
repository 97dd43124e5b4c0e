import { defaultLoggerOptions } from 'payload'
import type { Config } from 'payload'

type LoggerSettings = Extract<NonNullable<Config['logger']>, { options: unknown }>
type LogMethod = NonNullable<NonNullable<LoggerSettings['options']['hooks']>['logMethod']>

const hasClientStatus = (value: unknown): value is { message?: unknown } => {
  const status = (value as { status?: unknown } | null)?.status
  return typeof status === 'number' && status >= 400 && status < 500
}

/**
 * Payload logs an error it answers with at error level unless `loggingLevels` names the error's
 * class, and its plain `APIError` serves both a client's mistake (a body that is not JSON, 400)
 * and a fault (500). This logs any error that carries a 4xx status at info, with its message, as
 * Payload logs the classes it knows to be a client's; a fault keeps error level and its stack.
 */
export const clientErrorsAtInfo: LogMethod = function (args, method, level) {
  const [first] = args as unknown[]
  const err = first instanceof Error ? first : (first as { err?: unknown } | null)?.err
  if (level >= 50 && hasClientStatus(err)) {
    this.info({ msg: typeof err.message === 'string' ? err.message : 'Error' })
    return
  }
  method.apply(this, args)
}

/**
 * The logger's settings: with `level`, JSON lines at that level (what log shippers read);
 * without, Payload's own pretty lines. Client errors log at info either way.
 */
export const payloadLogger = (level: string | null): LoggerSettings =>
  level
    ? { options: { level, hooks: { logMethod: clientErrorsAtInfo } } }
    : { options: { hooks: { logMethod: clientErrorsAtInfo } }, destination: defaultLoggerOptions }
