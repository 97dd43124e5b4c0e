import { unpack } from '@/shared/packed'

import type { BodyVariants, StoredSnapshot } from './types'

/** Compressed bodies as the store keeps them: base64 text, one column per encoding. */
export type StoredVariants = { br: string | null; gzip: string | null; lz4: string | null }

export const encodeVariants = (variants: BodyVariants | null | undefined): StoredVariants => ({
  br: variants?.br?.toString('base64') ?? null,
  gzip: variants?.gzip?.toString('base64') ?? null,
  lz4: variants?.lz4?.toString('base64') ?? null,
})

export const decodeVariants = ({
  br,
  gzip,
  lz4,
}: {
  br?: string | null
  gzip?: string | null
  lz4?: string | null
}): BodyVariants => ({
  ...(br ? { br: Buffer.from(br, 'base64') } : {}),
  ...(gzip ? { gzip: Buffer.from(gzip, 'base64') } : {}),
  ...(lz4 ? { lz4: Buffer.from(lz4, 'base64') } : {}),
})

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
export const storedBody = <T>(body: T, { lz4 }: StoredVariants): T | null => (lz4 ? null : body)

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
