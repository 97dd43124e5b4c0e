/**
 * Identity bodies unpacked for one answer go into buffers the fast path takes and gives back once
 * written: a buffer given back is handed out again, never one still taken, and bodies too large
 * for the pool's buffers still get one of their own.
 */
import { describe, expect, it } from '@jest/globals'

import { bodyPool } from '@/delivery/http/bodyPool'
import { packNow, packedLength, unpack, unpackInto } from '@/shared/packed'

/** Bytes from a seeded generator: the same cases on every run. */
const seeded = (seed: number) => {
  let state = seed >>> 0
  return (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state >>> 24
  }
}

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

describe('unpacking as the addon does', () => {
  const next = seeded(17)
  const text = (words: number) =>
    Array.from(
      { length: words },
      () => ['knee', 'rest', 'ice', 'NSAID', '"', '{'][next() % 6],
    ).join(' ')
  const random = (length: number) => Buffer.from(Array.from({ length }, next))
  const bodies: [string, Buffer][] = [
    ['empty', Buffer.alloc(0)],
    ['one byte', Buffer.from('x')],
    ['a run of one byte (overlapping matches)', Buffer.alloc(70_000, 0x61)],
    ['random bytes (literals only)', random(5_000)],
    ['words', Buffer.from(text(20_000))],
    ['JSON with long repeats', Buffer.from(JSON.stringify(Array(300).fill({ a: text(30) })))],
    ['a mix', Buffer.concat([random(300), Buffer.from(text(500)), random(70), Buffer.alloc(300)])],
  ]

  it.each(bodies)('%s: the same bytes as the addon', (_, body) => {
    const packed = packNow(body)
    const target = Buffer.alloc(body.length + 64, 0xee)
    const unpacked = unpackInto(packed, target)
    expect(unpacked.equals(unpack(packed))).toBe(true)
    expect(unpacked.equals(body)).toBe(true)
    // Nothing written past the body.
    expect(target.subarray(body.length).every((byte) => byte === 0xee)).toBe(true)
  })

  it('throws on a corrupt body, never writing past what the body says it is', () => {
    const body = Buffer.from(JSON.stringify(Array(200).fill({ advice: text(12) })))
    const packed = packNow(body)
    let thrown = 0
    for (let i = 0; i < 500; i += 1) {
      const broken = Buffer.from(packed)
      const at = 4 + ((next() * 256 + next()) % (broken.length - 4))
      broken[at] = next()
      const target = Buffer.alloc(body.length + 64, 0xee)
      try {
        const unpacked = unpackInto(broken, target)
        // A changed literal still decodes: to a body of the stated length.
        expect(unpacked.length).toBe(body.length)
      } catch (error) {
        expect(String(error)).toMatch(/corrupt/)
        thrown += 1
      }
      expect(target.subarray(body.length).every((byte) => byte === 0xee)).toBe(true)
    }
    // Most changes break a token, a length or an offset.
    expect(thrown).toBeGreaterThan(100)
    expect(() =>
      unpackInto(packed.subarray(0, packed.length - 3), Buffer.alloc(body.length)),
    ).toThrow(/corrupt/)
  })

  it('takes no memory outside the heap for the body it unpacks', () => {
    const body = Buffer.from(text(6_000))
    const packed = packNow(body)
    const target = Buffer.alloc(64 * 1024)
    const before = process.memoryUsage().arrayBuffers
    for (let i = 0; i < 300; i += 1) {
      unpackInto(packed, target)
    }
    // The addon's own buffer would be 300 bodies, over 10 MB (unless a collection came between).
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(body.length * 10)
  })
})
