import type { Express } from 'express'

import type { DeliveryOptions } from '@/config/delivery'
import { createApp } from '@/server/app'

/** What a test's server starts with unless it says otherwise: no cache, any origin. */
const TEST_DELIVERY: DeliveryOptions = {
  cacheControl: 'no-store',
  cacheTtlMs: 0,
  corsOrigins: '*',
  previewTtlSeconds: 3600,
}

type AppOptions = Parameters<typeof createApp>[0]

/**
 * The server without Next (health, the delivery API, the guards in front of /api), on the
 * database `payload` runs on, with `delivery` over the test settings.
 */
export const deliveryApp = ({
  payload,
  delivery = {},
  ...options
}: Omit<AppOptions, 'adapter' | 'delivery'> & { delivery?: Partial<DeliveryOptions> }): Express =>
  createApp({
    payload,
    adapter: payload.db.name === 'mongoose' ? 'mongodb' : 'sqlite',
    delivery: { ...TEST_DELIVERY, ...delivery },
    ...options,
  })
