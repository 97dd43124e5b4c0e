import type { PayloadRequest } from 'payload'

import type { User } from '@payload-types'
import { SCHEDULED_ACTIONS } from '@/shared/collections'

import type { EditorialAction } from '@/workflow/transitions'

type Id = number | string

/**
 * Part of taking a decision (the schedules room applies waiting ones through `takeAction`).
 * When a decision is taken now that a schedule was waiting to take (an editor publishes by hand,
 * an article is archived), the waiting schedules have nothing left to do: they are closed as
 * cancelled, saying why, in the decision's transaction.
 */
export const supersedeSchedules = async ({
  req,
  articleId,
  actions,
  reason,
  except,
}: {
  req: PayloadRequest
  articleId: Id
  actions: EditorialAction[]
  reason: string
  /** The schedule being applied, which settles itself. */
  except?: Id
}): Promise<void> => {
  const user = req.user as User | null
  await req.payload.update({
    collection: SCHEDULED_ACTIONS,
    where: {
      and: [
        { article: { equals: articleId } },
        { status: { equals: 'scheduled' } },
        { action: { in: actions } },
        ...(except === undefined ? [] : [{ id: { not_equals: except } }]),
      ],
    },
    data: {
      status: 'cancelled',
      outcome: `${reason}${user?.name ? ` (${user.name})` : ''}.`,
      outcomeAt: new Date().toISOString(),
    },
    depth: 0,
    overrideAccess: true,
    req,
  })
}
