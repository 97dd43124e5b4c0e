import { APIError } from 'payload'

import type { Refusal } from '@/workflow/refusals'
import { statusFor } from '@/workflow/refusals'

/** A workflow refusal met through Payload's own doors (REST, GraphQL, the admin's Publish button). */
export class WorkflowRefusedError extends APIError<{ refusals: Refusal[] }> {
  constructor(refusals: Refusal[]) {
    super(
      refusals.map((refusal) => refusal.message).join('\n'),
      statusFor(refusals),
      { refusals },
      true,
    )
    this.name = 'WorkflowRefusedError'
  }
}
