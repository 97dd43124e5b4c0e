import { APIError } from 'payload'

/**
 * A request Signoff will not serve as sent (a malformed query, a password too short, a change to a
 * permanent record): the client's mistake, answered with `status` and `message`. It has its own
 * name so the log keeps it at info level (`loggingLevels` in payload.config.ts): Payload logs a
 * plain `APIError` at error level, whatever its status, and a log shipper then pages someone.
 */
export class RequestError extends APIError {
  constructor(message: string, status = 400) {
    super(message, status, undefined, true)
    this.name = 'RequestError'
  }
}
