import { unpack } from '@/shared/packed'

import type { BodyVariants, StoredSnapshot } from './types'

/**
 * Compressed bodies as MongoDB keeps them: base64 text, one field per encoding (SQLite keeps the
 * bytes as they are).
 */
export type StoredVariants = { br: string | null; gzip: string | null; lz4: string | null }

/** A compressed body as a store hands it back: bytes, or base64 text. */
type StoredBytes = string | Buffer | ArrayBuffer | null | undefined

const bytesOf = (stored: StoredBytes): Buffer | null => {
  if (!stored) {
    return null
  }
  if (typeof stored === 'string') {
    return Buffer.from(stored, 'base64')
  }
  return Buffer.isBuffer(stored) ? stored : Buffer.from(stored)
}

export const encodeVariants = (variants: BodyVariants | null | undefined): StoredVariants => ({
  br: variants?.br?.toString('base64') ?? null,
  gzip: variants?.gzip?.toString('base64') ?? null,
  lz4: variants?.lz4?.toString('base64') ?? null,
})

export const decodeVariants = (stored: {
  br?: StoredBytes
  gzip?: StoredBytes
  lz4?: StoredBytes
}): BodyVariants => {
  const variants: BodyVariants = {}
  for (const encoding of ['br', 'gzip', 'lz4'] as const) {
    const bytes = bytesOf(stored[encoding])
    if (bytes && bytes.length > 0) {
      variants[encoding] = bytes
    }
  }
  return variants
}

/**
 * The columns' names in Payload's collection (`bodyBr`, `bodyGzip`, `bodyLz4`); with `dropsBody`,
 * the identity body goes when a packed body is stored.
 */
export const bodyColumns = ({ br, gzip, lz4 }: StoredVariants, { dropsBody = false } = {}) => ({
  bodyBr: br,
  bodyGzip: gzip,
  bodyLz4: lz4,
  ...(dropsBody && lz4 ? { body: null } : {}),
})

/** The identity body as stored: none beside a packed body, which unpacks to it. */
export const storedBody = <T>(body: T, { lz4 }: { lz4?: unknown }): T | null => (lz4 ? null : body)

/** A stored rendering's identity body, unpacked when it is stored compressed only. */
export const identityBody = ({
  body,
  variants,
}: Pick<StoredSnapshot, 'body' | 'variants'>): Buffer => {
  if (body) {
    return body
  }
  if (!variants.lz4) {
    throw new Error('A rendering stored compressed only has no packed body.')
  }
  return unpack(variants.lz4)
}
