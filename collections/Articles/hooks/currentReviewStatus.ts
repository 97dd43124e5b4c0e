import type { FieldHook } from 'payload'

import { reviewStatusOf } from '@/workflow/reviewDates'

/**
 * Readers always get today's review currency; the stored value (kept by the sweep) serves queries.
 * The sweep itself asks for the stored value with `context.storedReviewStatus`.
 */
export const currentReviewStatus: FieldHook = ({ siblingData, value, context }) => {
  if (context.storedReviewStatus) {
    return value
  }
  const due: unknown = siblingData?.nextReviewDue
  return typeof due === 'string' && due
    ? reviewStatusOf({ nextReviewDue: new Date(due), now: new Date() })
    : value
}
