import type { CollectionBeforeOperationHook, Payload } from 'payload'

import { rateLimitStore } from '@/db/rateLimitStore'
import { attemptCounter } from '@/server/rateLimit'
import type { AttemptCounter } from '@/server/rateLimit'
import { clientAddressOf } from '@/server/clientAddress'
import { TooManyAttemptsError } from './tooManyAttempts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** Reset requests per e-mail address per hour, whoever asks: nobody can flood a victim's inbox. */
const RESETS_PER_EMAIL_PER_HOUR = 3

type CounterName = 'logins' | 'resetRequests' | 'resetsPerEmail'

const emailOf = (data: unknown): string | null => {
  const email = (data as { email?: unknown } | undefined)?.email
  return typeof email === 'string' && email.trim() ? email.toLowerCase().trim() : null
}

/**
 * The login and password-reset limits, counted inside Payload's operations so every door meets
 * them: REST in any encoding, GraphQL (each aliased guess counts), the admin. The client address
 * is the one the HTTP server saw; calls that did not come through it (our own code) are not counted.
 */
export const limitAuthAttempts = ({
  loginPerMinute,
  forgotPasswordPerHour,
}: {
  loginPerMinute: number
  forgotPasswordPerHour: number
}): CollectionBeforeOperationHook => {
  // Built on first use: the config holds this hook before Payload (and its database) exists.
  const countersOf = new WeakMap<Payload, Record<CounterName, AttemptCounter>>()
  const countersFor = (payload: Payload) => {
    const known = countersOf.get(payload)
    if (known) {
      return known
    }
    const storeFor = (name: CounterName) => rateLimitStore({ payload, prefix: `${name}:` })
    const counters = {
      logins: attemptCounter({ max: loginPerMinute, windowMs: MINUTE, store: storeFor('logins') }),
      resetRequests: attemptCounter({
        max: forgotPasswordPerHour,
        windowMs: HOUR,
        store: storeFor('resetRequests'),
      }),
      resetsPerEmail: attemptCounter({
        max: RESETS_PER_EMAIL_PER_HOUR,
        windowMs: HOUR,
        store: storeFor('resetsPerEmail'),
      }),
    }
    countersOf.set(payload, counters)
    return counters
  }
  return async ({ args, operation, req }) => {
    if (operation !== 'login' && operation !== 'forgotPassword') {
      return args
    }
    const { logins, resetRequests, resetsPerEmail } = countersFor(req.payload)
    const address = clientAddressOf(req)
    if (address !== null) {
      const verdict = await (operation === 'login' ? logins : resetRequests).hit(address)
      if (!verdict.isAllowed) {
        throw new TooManyAttemptsError({
          req,
          what: operation === 'login' ? 'login attempts' : 'password reset requests',
          retryAfterSeconds: verdict.retryAfterSeconds,
        })
      }
    }
    const email = emailOf(args.data)
    if (operation === 'forgotPassword' && email) {
      // Counted per address asked for, account or not, so the answer says nothing about accounts.
      const verdict = await resetsPerEmail.hit(email)
      if (!verdict.isAllowed) {
        throw new TooManyAttemptsError({
          req,
          what: 'password reset requests for this e-mail address',
          retryAfterSeconds: verdict.retryAfterSeconds,
        })
      }
    }
    return args
  }
}
