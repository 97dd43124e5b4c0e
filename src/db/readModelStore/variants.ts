import type { BodyVariants } from './types'

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

/** The columns' names in Payload's collection (`bodyBr`, `bodyGzip`). */
export const bodyColumns = ({ br, gzip }: StoredVariants) => ({ bodyBr: br, bodyGzip: gzip })
