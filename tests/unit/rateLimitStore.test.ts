import { describe, expect, it } from '@jest/globals'
import { MemoryStore } from 'express-rate-limit'
import type { Options } from 'express-rate-limit'
import express from 'express'
import type { Payload } from 'payload'
import request from 'supertest'

import { mongoRateLimitStore, rateLimitStore } from '@/db/rateLimitStore'
import type { RateLimitCollection, RateLimitCounter } from '@/db/rateLimitStore'
import { attemptCounter, rateLimit } from '@/server/rateLimit'

const MINUTE = 60_000

type Filter = { _id: string; hits?: { $gt: number } }

/**
 * The collection methods the store calls, on a Map, with a clock the test moves. It evaluates the
 * aggregation expressions the store sends ($cond, $gt, $add, field paths, $$NOW) as MongoDB would.
 */
const fakeCollection = () => {
  // Starts at the real time: a refusal's Retry-After counts from Date.now().
  const clock = { now: Date.now() }
  const docs = new Map<string, Partial<RateLimitCounter>>()
  const indexes: unknown[] = []
  const evaluate = (expression: unknown, doc: Partial<RateLimitCounter>): unknown => {
    if (expression === '$$NOW') {
      return new Date(clock.now)
    }
    if (typeof expression === 'string' && expression.startsWith('$')) {
      return doc[expression.slice(1) as keyof RateLimitCounter]
    }
    if (!expression || typeof expression !== 'object' || expression instanceof Date) {
      return expression
    }
    const [operator, operands] = Object.entries(expression)[0] as [string, unknown[]]
    const values = operands.map((operand) => evaluate(operand, doc))
    switch (operator) {
      case '$cond':
        return values[0] ? values[1] : values[2]
      case '$gt':
        // A missing field sorts below every value.
        return values[0] !== undefined && Number(values[0]) > Number(values[1])
      case '$add': {
        const sum = values.reduce<number>((total, value) => total + Number(value), 0)
        return values.some((value) => value instanceof Date) ? new Date(sum) : sum
      }
      default:
        throw new Error(`The fake collection does not know ${operator}.`)
    }
  }
  const collection = {
    createIndex: async (spec: unknown, options: unknown) => {
      indexes.push({ spec, options })
      return 'resetAt_1'
    },
    findOneAndUpdate: async (
      filter: Filter,
      pipeline: { $set: Record<string, unknown> }[],
      options: { upsert?: boolean },
    ) => {
      let doc = docs.get(filter._id) ?? (options.upsert ? { _id: filter._id } : undefined)
      for (const { $set } of pipeline) {
        const input = doc ?? {}
        doc = { ...input }
        for (const [field, expression] of Object.entries($set)) {
          Object.assign(doc, { [field]: evaluate(expression, input) })
        }
      }
      if (doc) {
        docs.set(filter._id, doc)
      }
      return doc ? { ...doc } : null
    },
    updateOne: async (filter: Filter, update: { $inc: { hits: number } }) => {
      const doc = docs.get(filter._id)
      if (doc && (filter.hits === undefined || (doc.hits ?? 0) > filter.hits.$gt)) {
        doc.hits = (doc.hits ?? 0) + update.$inc.hits
      }
    },
    deleteOne: async (filter: Filter) => {
      docs.delete(filter._id)
    },
  }
  return { collection: collection as unknown as RateLimitCollection, clock, docs, indexes }
}

const storeOn = ({ collection, prefix }: { collection: RateLimitCollection; prefix: string }) => {
  const store = mongoRateLimitStore({ collection, prefix })
  store.init?.({ windowMs: MINUTE } as Options)
  return store
}

describe('the MongoDB rate-limit store', () => {
  it('counts hits in one window and says when it ends', async () => {
    const { collection, clock } = fakeCollection()
    const store = storeOn({ collection, prefix: 'login:' })
    const started = clock.now
    expect(await store.increment('198.51.100.1')).toEqual({
      totalHits: 1,
      resetTime: new Date(started + MINUTE),
    })
    clock.now += 30_000
    expect(await store.increment('198.51.100.1')).toEqual({
      totalHits: 2,
      resetTime: new Date(started + MINUTE),
    })
  })

  it('starts a new window once the old one has ended', async () => {
    const { collection, clock } = fakeCollection()
    const store = storeOn({ collection, prefix: 'login:' })
    await store.increment('a')
    await store.increment('a')
    clock.now += MINUTE
    expect(await store.increment('a')).toEqual({
      totalHits: 1,
      resetTime: new Date(clock.now + MINUTE),
    })
  })

  it('takes a hit back, never below zero, and forgets a key on reset', async () => {
    const { collection } = fakeCollection()
    const store = storeOn({ collection, prefix: 'login:' })
    await store.increment('a')
    await store.increment('a')
    await store.decrement('a')
    expect((await store.increment('a')).totalHits).toBe(2)
    await store.decrement('a')
    await store.decrement('a')
    await store.decrement('a')
    expect((await store.increment('a')).totalHits).toBe(1)
    await store.resetKey('a')
    await store.increment('a')
    expect((await store.increment('a')).totalHits).toBe(2)
  })

  it('shares a count between instances of one limit, and keeps limits apart by prefix', async () => {
    const { collection, docs } = fakeCollection()
    const onWeb1 = storeOn({ collection, prefix: 'login:' })
    const onWeb2 = storeOn({ collection, prefix: 'login:' })
    const resets = storeOn({ collection, prefix: 'resetRequests:' })
    await onWeb1.increment('a')
    expect((await onWeb2.increment('a')).totalHits).toBe(2)
    expect((await resets.increment('a')).totalHits).toBe(1)
    expect([...docs.keys()].sort()).toEqual(['login:a', 'resetRequests:a'])
  })

  it('lets old keys expire through a TTL index on the end of their window', async () => {
    const { collection, indexes } = fakeCollection()
    const store = storeOn({ collection, prefix: 'login:' })
    await store.increment('a')
    await store.increment('b')
    expect(indexes).toEqual([{ spec: { resetAt: 1 }, options: { expireAfterSeconds: 0 } }])
  })

  it('holds the login limit across two instances: the third attempt of a limit of two fails', async () => {
    const { collection } = fakeCollection()
    const counter = () =>
      attemptCounter({
        max: 2,
        windowMs: MINUTE,
        store: mongoRateLimitStore({ collection, prefix: 'login:' }),
      })
    const [web1, web2] = [counter(), counter()]
    expect(await web1.hit('198.51.100.1')).toEqual({ isAllowed: true })
    expect(await web2.hit('198.51.100.1')).toEqual({ isAllowed: true })
    expect(await web1.hit('198.51.100.1')).toEqual({
      isAllowed: false,
      retryAfterSeconds: expect.any(Number),
    })
  })

  it('holds the delivery limit across two instances: 429 once both together reach it', async () => {
    const { collection } = fakeCollection()
    const instance = () =>
      express().use(
        rateLimit({
          max: 2,
          windowMs: MINUTE,
          message: 'Too many requests',
          store: mongoRateLimitStore({ collection, prefix: 'delivery:' }),
        }),
        (_req, res) => {
          res.json({ ok: true })
        },
      )
    const [web1, web2] = [instance(), instance()]
    expect((await request(web1).get('/content/v1/articles')).status).toBe(200)
    expect((await request(web2).get('/content/v1/articles')).status).toBe(200)
    const limited = await request(web1).get('/content/v1/articles')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(50)
  })
})

describe('rateLimitStore (which store a limit gets)', () => {
  it('counts in memory on SQLite, one process by design', () => {
    const payload = { db: { name: 'sqlite' } } as unknown as Payload
    expect(rateLimitStore({ payload, prefix: 'login:' })).toBeInstanceOf(MemoryStore)
  })

  it('counts in the rate_limits collection on MongoDB, and needs the connection', async () => {
    const { collection, docs } = fakeCollection()
    const names: string[] = []
    const db = {
      collection: (name: string) => {
        names.push(name)
        return collection
      },
    }
    const payload = { db: { name: 'mongoose', connection: { db } } } as unknown as Payload
    const store = rateLimitStore({ payload, prefix: 'login:' })
    expect(store).not.toBeInstanceOf(MemoryStore)
    store.init?.({ windowMs: MINUTE } as Options)
    await store.increment('a')
    expect(names).toEqual(['rate_limits'])
    expect(docs.get('login:a')?.hits).toBe(1)
    const unconnected = { db: { name: 'mongoose', connection: {} } } as unknown as Payload
    expect(() => rateLimitStore({ payload: unconnected, prefix: 'login:' })).toThrow(
      /after Payload starts/,
    )
  })
})
