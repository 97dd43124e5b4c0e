import { promisify } from 'node:util'
import zlib from 'node:zlib'

import type { Request } from 'express'
import Negotiator from 'negotiator'

/** The compressions the delivery API sends, best first when the client likes them equally. */
export type Encoding = 'br' | 'gzip'

const ENCODINGS = ['br', 'gzip', 'identity'] as const

// Below this the headers outweigh what compression saves: such bodies are always sent as they are.
export const MIN_COMPRESSED_BYTES = 1024

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

// Quality 5 takes about 0.5 ms for a 15 KB article and keeps most of quality 11's gain (25 ms).
const BROTLI_QUALITY = 5

const BROTLI_PARAMS = (body: Buffer) => ({
  [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
  [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
})

/** `body` compressed with `encoding`, on libuv's thread pool so the event loop keeps serving. */
export const compress = ({ body, encoding }: { body: Buffer; encoding: Encoding }) =>
  encoding === 'br' ? brotli(body, { params: BROTLI_PARAMS(body) }) : gzip(body)

/** The same on the event loop: for a caller that must not wait in line for the thread pool. */
export const compressNow = ({ body, encoding }: { body: Buffer; encoding: Encoding }): Buffer =>
  encoding === 'br'
    ? zlib.brotliCompressSync(body, { params: BROTLI_PARAMS(body) })
    : zlib.gzipSync(body)

// @types/negotiator describes 0.6, whose encodings() had no server preference; 1.x takes one.
type Preferring = (
  available: readonly string[],
  options: { preferred: readonly string[] },
) => string[]

/**
 * The encoding to send `req`: the client's Accept-Encoding decides, brotli before gzip when it
 * likes both as much. A client that refuses everything, identity included, still gets identity.
 */
export const chooseEncoding = (req: Pick<Request, 'headers'>): Encoding | null => {
  const negotiator = new Negotiator(req)
  const encodings = negotiator.encodings.bind(negotiator) as unknown as Preferring
  const [best] = encodings(ENCODINGS, { preferred: ENCODINGS })
  return best === 'br' || best === 'gzip' ? best : null
}

/** The ETag of a compressed variant: the identity ETag with the encoding inside the quotes. */
export const variantEtag = ({ etag, encoding }: { etag: string; encoding: Encoding | null }) =>
  encoding ? `${etag.slice(0, -1)}-${encoding}"` : etag
