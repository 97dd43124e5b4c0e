import { APIError } from 'payload'
import type { PayloadRequest } from 'payload'

/** A 429 from inside an operation: REST gets Retry-After, GraphQL an error saying when to retry. */
export class TooManyAttemptsError extends APIError<{
  code: 'RATE_LIMITED'
  retryAfterSeconds: number
}> {
  constructor({
    req,
    what,
    retryAfterSeconds,
  }: {
    req: PayloadRequest
    what: string
    retryAfterSeconds: number
  }) {
    super(
      `Too many ${what} from this address; try again in ${retryAfterSeconds} seconds.`,
      429,
      { code: 'RATE_LIMITED', retryAfterSeconds },
      true,
    )
    this.name = 'TooManyAttemptsError'
    // Payload's REST error answer merges these into its headers.
    req.responseHeaders = new Headers(req.responseHeaders)
    req.responseHeaders.set('Retry-After', String(retryAfterSeconds))
  }
}
