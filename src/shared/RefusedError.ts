import { APIError } from 'payload'

import { statusFor } from './refusals'
import type { Refusal, RefusalCode } from './refusals'

/**
 * A refusal met inside a Payload operation (REST, GraphQL, the admin, the Local API for a user):
 * Payload answers with the first refusal's status, and GraphQL and REST carry the refusals.
 */
export class RefusedError extends APIError<{ refusals: Refusal[] }> {
  constructor(refusals: Refusal[]) {
    super(
      refusals.map((refusal) => refusal.message).join('\n'),
      statusFor(refusals),
      { refusals },
      true,
    )
    this.name = 'RefusedError'
  }
}

/** One refusal as an error. */
export const refused = ({ code, message }: { code: RefusalCode; message: string }): RefusedError =>
  new RefusedError([{ code, message }])
