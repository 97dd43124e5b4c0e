import type { Endpoint } from 'payload'

import { cancelSchedule } from '@/schedules/service/cancelSchedule'

/** POST /api/scheduled-actions/:id/cancel: a waiting publish or archive will not happen. */
export const cancelScheduleEndpoint: Endpoint = {
  path: '/:id/cancel',
  method: 'post',
  handler: async (req) => {
    const outcome = await cancelSchedule({ req, id: String(req.routeParams?.id ?? '') })
    return outcome.ok
      ? Response.json({ schedule: outcome.schedule })
      : Response.json({ errors: outcome.refusals }, { status: outcome.status })
  },
}
