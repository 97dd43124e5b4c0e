/**
 * Identity bodies unpacked for one answer go into buffers the fast path takes and gives back once
 * written: a buffer given back is handed out again, never one still taken, and bodies too large
 * for the pool's buffers still get one of their own.
 */
import { describe, expect, it } from '@jest/globals'

import { bodyPool } from '@/delivery/http/bodyPool'
import { packNow, packedLength, unpackInto } from '@/shared/packed'

describe('the pool of body buffers', () => {
  it('hands a buffer out again only once it is given back', () => {
    const pool = bodyPool({ size: 1024, max: 2 })
    const first = pool.take(100)
    const second = pool.take(1000)
    expect(first).not.toBe(second)
    expect(first.length).toBe(1024)
    pool.give(first)
    expect(pool.take(10)).toBe(first)
    // Still taken: a new one.
    expect(pool.take(10)).not.toBe(second)
  })

  it('keeps at most `max` free buffers, and none of another size', () => {
    const pool = bodyPool({ size: 64, max: 1 })
    const [a, b] = [pool.take(1), pool.take(1)]
    pool.give(a)
    pool.give(b)
    expect(pool.take(1)).toBe(a)
    expect(pool.take(1)).not.toBe(b)
    const large = pool.take(65)
    expect(large.length).toBeGreaterThanOrEqual(65)
    pool.give(large)
    expect(pool.take(65)).not.toBe(large)
  })
})

describe('unpacking into a given buffer', () => {
  const body = Buffer.from(JSON.stringify({ text: 'Heat and gentle movement. '.repeat(400) }))

  it('gives the body the addon packed, as a view of the buffer', () => {
    const packed = packNow(body)
    expect(packedLength(packed)).toBe(body.length)
    const target = Buffer.alloc(body.length + 100, 0xff)
    const unpacked = unpackInto(packed, target)
    expect(unpacked.equals(body)).toBe(true)
    expect(unpacked.buffer).toBe(target.buffer)
    // Reused for a shorter body: only that body comes back.
    const short = Buffer.from('{"a":1}')
    expect(unpackInto(packNow(short), target).equals(short)).toBe(true)
  })

  it('refuses a buffer too small and a packed body that does not unpack to its length', () => {
    const packed = packNow(body)
    expect(() => unpackInto(packed, Buffer.alloc(body.length - 1))).toThrow(RangeError)
    const lying = Buffer.from(packed)
    lying.writeUInt32LE(body.length - 10, 0)
    expect(() => unpackInto(lying, Buffer.alloc(body.length + 10))).toThrow()
  })
})
