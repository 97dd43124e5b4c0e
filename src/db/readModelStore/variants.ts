import { inflateNow } from '@/shared/gzip'

import type { BodyVariants, StoredSnapshot } from './types'

/** Compressed bodies as the store keeps them: base64 text, one column per encoding. */
export type StoredVariants = { br: string | null; gzip: string | null }

export const encodeVariants = (variants: BodyVariants | null | undefined): StoredVariants => ({
  br: variants?.br?.toString('base64') ?? null,
  gzip: variants?.gzip?.toString('base64') ?? null,
})

export const decodeVariants = ({
  br,
  gzip,
}: {
  br?: string | null
  gzip?: string | null
}): BodyVariants => ({
  ...(br ? { br: Buffer.from(br, 'base64') } : {}),
  ...(gzip ? { gzip: Buffer.from(gzip, 'base64') } : {}),
})

/**
 * The columns' names in Payload's collection (`bodyBr`, `bodyGzip`); with `dropsBody`, the
 * identity body goes when a gzip body is stored.
 */
export const bodyColumns = ({ br, gzip }: StoredVariants, { dropsBody = false } = {}) => ({
  bodyBr: br,
  bodyGzip: gzip,
  ...(dropsBody && gzip ? { body: null } : {}),
})

/** The identity body as stored: none beside a gzip body, which inflates to it. */
export const storedBody = <T>(body: T, { gzip }: StoredVariants): T | null => (gzip ? null : body)

/** A stored rendering's identity body, inflated from its gzip body when stored compressed only. */
export const identityBody = ({
  body,
  variants,
}: Pick<StoredSnapshot, 'body' | 'variants'>): Buffer => {
  if (body) {
    return body
  }
  if (!variants.gzip) {
    throw new Error('A rendering stored compressed only has no gzip body.')
  }
  return inflateNow(variants.gzip)
}
