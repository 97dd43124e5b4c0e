import type { Payload, PayloadRequest } from 'payload'

/**
 * True the first time a key is seen, false after: how "once per article per due date" and "once
 * per expiry date" are kept across sweeps and restarts.
 */
export const isFirstTime = async ({
  payload,
  req,
  key,
}: {
  payload: Payload
  req?: PayloadRequest
  key: string
}): Promise<boolean> => {
  const { totalDocs } = await payload.count({
    collection: 'notification-notices',
    where: { key: { equals: key } },
    overrideAccess: true,
    req,
  })
  if (totalDocs > 0) {
    return false
  }
  await payload.create({
    collection: 'notification-notices',
    data: { key },
    overrideAccess: true,
    req,
  })
  return true
}
