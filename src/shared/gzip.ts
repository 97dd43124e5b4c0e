import zlib from 'node:zlib'

/**
 * The length of what a gzip body inflates to, from its trailer (ISIZE, RFC 1952: the length
 * modulo 2^32; the bodies Signoff stores are one member, far under 4 GiB).
 */
export const gzipLength = (body: Buffer): number => body.readUInt32LE(body.length - 4)

/** A gzip body inflated on the calling thread, into one buffer of the length its trailer gives. */
export const inflateNow = (body: Buffer): Buffer =>
  zlib.gunzipSync(body, { chunkSize: Math.max(zlib.constants.Z_MIN_CHUNK, gzipLength(body)) })
