/**
 * SQLite has one writer. A write outside any transaction (Payload's failed-login counter, a job's
 * bookkeeping) made while a transaction holds the writer must wait its turn, not fail: a failed
 * write used to leave the client's connection reading the database as it was, so an account made
 * afterwards could not log in (seen right after start-up).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { commitTransaction, createLocalReq, initTransaction } from 'payload'

import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

let t: TestPayload

beforeAll(async () => {
  t = await startTestPayload()
})

afterAll(async () => {
  await t?.close()
})

const isSqlite = () => t.payload.db.name !== 'mongoose'

describe('writes outside transactions on SQLite', () => {
  it('wait for a transaction that holds the writer, and reads afterwards see every commit', async () => {
    if (!isSqlite()) {
      // MongoDB has no single writer: nothing to wait for.
      return
    }
    const topic = await t.payload.create({
      collection: 'topics',
      data: { name: 'Knee pain', slug: 'knee-pain', schemaType: 'MedicalCondition' },
    })
    const req = await createLocalReq({}, t.payload)
    await initTransaction(req)
    await t.payload.update({
      collection: 'topics',
      id: topic.id,
      data: { name: 'Knee pain (in a transaction)' },
      req,
    })
    // The transaction commits a moment later, while the write below waits.
    const committed = new Promise((resolve) => setTimeout(resolve, 200)).then(() =>
      commitTransaction(req),
    )
    await t.payload.db.updateOne({
      collection: 'topics',
      id: topic.id,
      data: { slug: 'knee-pain-outside' },
    })
    // It waited for the commit instead of failing with SQLITE_BUSY after the busy timeout.
    await committed
    const later = await t.payload.create({
      collection: 'topics',
      data: { name: 'Hip pain', slug: 'hip-pain', schemaType: 'MedicalCondition' },
    })
    const { docs } = await t.payload.find({
      collection: 'topics',
      where: { id: { in: [topic.id, later.id] } },
      sort: 'id',
      depth: 0,
    })
    expect(docs.map((doc) => [doc.name, doc.slug])).toEqual([
      ['Knee pain (in a transaction)', 'knee-pain-outside'],
      ['Hip pain', 'hip-pain'],
    ])
  })
})
