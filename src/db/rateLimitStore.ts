import type { MongooseAdapter } from '@payloadcms/db-mongodb'
import { MemoryStore } from 'express-rate-limit'
import type { Store } from 'express-rate-limit'
import type { Collection } from 'mongodb'
import type { Payload } from 'payload'

/** One document per counted key: the hits in the window that ends at `resetAt`. */
export type RateLimitCounter = { _id: string; hits: number; resetAt: Date }

/** The few collection methods the store calls. */
export type RateLimitCollection = Pick<
  Collection<RateLimitCounter>,
  'createIndex' | 'deleteOne' | 'findOneAndUpdate' | 'updateOne'
>

const RATE_LIMIT_COLLECTION = 'rate_limits'

/**
 * A fixed-window count in one MongoDB document per key, shared by every instance on that
 * database. Each hit is one atomic update that starts a new window once `resetAt` has passed; the
 * database's clock ($$NOW) decides, so instances whose clocks differ still agree.
 */
export const mongoRateLimitStore = ({
  collection,
  prefix,
}: {
  collection: RateLimitCollection
  prefix: string
}): Store => {
  let windowMs: number | undefined
  let hasIndex: Promise<unknown> | undefined
  const idOf = (key: string) => `${prefix}${key}`
  return {
    prefix,
    localKeys: false,
    init: (options) => {
      windowMs = options.windowMs
    },
    increment: async (key) => {
      if (windowMs === undefined) {
        throw new Error('Call init({ windowMs }) before counting: express-rate-limit does.')
      }
      // A TTL index deletes a key's document once its window is over (checked about once a minute).
      hasIndex ??= collection
        .createIndex({ resetAt: 1 }, { expireAfterSeconds: 0 })
        .catch((error: unknown) => {
          hasIndex = undefined
          throw error
        })
      await hasIndex
      const isOpen = { $gt: ['$resetAt', '$$NOW'] }
      const counter = await collection.findOneAndUpdate(
        { _id: idOf(key) },
        [
          {
            $set: {
              hits: { $cond: [isOpen, { $add: ['$hits', 1] }, 1] },
              resetAt: { $cond: [isOpen, '$resetAt', { $add: ['$$NOW', windowMs] }] },
            },
          },
        ],
        { upsert: true, returnDocument: 'after' },
      )
      if (!counter) {
        throw new Error(`The rate-limit counter for ${idOf(key)} was not written.`)
      }
      return { totalHits: counter.hits, resetTime: counter.resetAt }
    },
    decrement: async (key) => {
      await collection.updateOne({ _id: idOf(key), hits: { $gt: 0 } }, { $inc: { hits: -1 } })
    },
    resetKey: async (key) => {
      await collection.deleteOne({ _id: idOf(key) })
    },
  }
}

/** The store for one limit: one collection on MongoDB, this process's memory on SQLite. */
export const rateLimitStore = ({
  payload,
  prefix,
}: {
  payload: Payload
  prefix: string
}): Store => {
  // Only MongoDB deployments run several instances; SQLite is one process by design.
  if (payload.db.name !== 'mongoose') {
    return new MemoryStore()
  }
  const db = (payload.db as unknown as MongooseAdapter).connection.db
  if (!db) {
    throw new Error('Rate limits need the MongoDB connection: build them after Payload starts.')
  }
  return mongoRateLimitStore({
    collection: db.collection<RateLimitCounter>(RATE_LIMIT_COLLECTION),
    prefix,
  })
}
