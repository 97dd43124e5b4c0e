import type { Endpoint } from 'payload'

import { jsonAnswer } from '@/shared/jsonAnswer'
import { refusalsResponse } from '@/shared/refusals'
import { cancelSchedule } from '@/schedules/service/cancelSchedule'

/** POST /api/scheduled-actions/:id/cancel: a waiting publish or archive will not happen. */
export const cancelScheduleEndpoint: Endpoint = {
  path: '/:id/cancel',
  method: 'post',
  handler: async (req) => {
    const outcome = await cancelSchedule({ req, id: String(req.routeParams?.id ?? '') })
    return outcome.ok ? jsonAnswer({ schedule: outcome.schedule }) : refusalsResponse(outcome)
  },
}
