import { compress, compressSync, uncompressSync } from 'lz4-napi'

/**
 * A body packed for storage with LZ4 (the block format, its length first as 4 bytes little-endian):
 * not an HTTP encoding, the form an identity body is kept in. Unpacking 30 KB takes about 6 µs
 * here, a quarter of what inflating gzip costs, at a third more bytes than gzip.
 */
export type Packed = Buffer

/** `body` packed on libuv's thread pool. */
export const pack = async (body: Buffer): Promise<Packed> => compress(body)

/** `body` packed on the calling thread. */
export const packNow = (body: Buffer): Packed => compressSync(body)

/** The length of what `packed` unpacks to, read from its first four bytes. */
export const packedLength = (packed: Packed): number => packed.readUInt32LE(0)

/** The body `packed` holds, unpacked on the calling thread. */
export const unpack = (packed: Packed): Buffer => uncompressSync(packed)

// LZ4's block format (https://github.com/lz4/lz4/blob/dev/doc/lz4_Block_format.md): sequences of
// a token (literal count, match length), the literals, a 2-byte offset back into what is already
// unpacked and the match's extra length; the last sequence has literals only.
const MIN_MATCH = 4
// Runs longer than this are copied natively; shorter ones byte by byte, which costs less than the
// call (most of a JSON body's runs are a few bytes).
const NATIVE_RUN = 16
const HEADER_BYTES = 4

const corrupt = (why: string): Error => new Error(`A packed body is corrupt: ${why}.`)

/**
 * The body `packed` holds, unpacked into `target` (at least `packedLength(packed)` bytes): a view
 * of `target`. Decoded here rather than by the addon, which returns a buffer of its own: at
 * thousands of answers a second, that 30 KB apiece of memory outside V8's heap started a full
 * collection twice a second (V8 counts such memory as pressure), each a pause of 3–12 ms on every
 * connection. A body that does not decode to exactly its stated length throws, and nothing is
 * written outside `target`'s first `packedLength(packed)` bytes.
 */
export const unpackInto = (packed: Packed, target: Buffer): Buffer => {
  const length = packedLength(packed)
  if (target.length < length) {
    throw new RangeError(`A packed body of ${length} bytes does not fit in ${target.length}.`)
  }
  const end = packed.length
  let s = HEADER_BYTES
  let d = 0
  const extraLength = (): number => {
    let total = 0
    let byte: number
    do {
      if (s >= end) {
        throw corrupt('a length runs past its end')
      }
      byte = packed[s++] as number
      total += byte
    } while (byte === 255)
    return total
  }
  while (s < end) {
    const token = packed[s++] as number
    let literals = token >> 4
    if (literals === 15) {
      literals += extraLength()
    }
    if (s + literals > end || d + literals > length) {
      throw corrupt('its literals run past its end')
    }
    if (literals > NATIVE_RUN) {
      packed.copy(target, d, s, s + literals)
    } else {
      for (let i = 0; i < literals; i += 1) {
        target[d + i] = packed[s + i] as number
      }
    }
    s += literals
    d += literals
    if (s === end) {
      break
    }
    if (s + 2 > end) {
      throw corrupt('a match has no offset')
    }
    const offset = (packed[s] as number) | ((packed[s + 1] as number) << 8)
    s += 2
    let matchLength = token & 15
    if (matchLength === 15) {
      matchLength += extraLength()
    }
    matchLength += MIN_MATCH
    if (offset === 0 || offset > d || d + matchLength > length) {
      throw corrupt('a match points outside the body')
    }
    let from = d - offset
    if (offset >= matchLength && matchLength > NATIVE_RUN) {
      target.copyWithin(d, from, from + matchLength)
      d += matchLength
    } else {
      // Overlapping (a repeated pattern) or short: byte by byte, each byte read after it is written.
      for (let i = 0; i < matchLength; i += 1) {
        target[d++] = target[from++] as number
      }
    }
  }
  if (d !== length) {
    throw corrupt(`it unpacks to ${d} bytes, not the ${length} it says`)
  }
  return target.subarray(0, length)
}
