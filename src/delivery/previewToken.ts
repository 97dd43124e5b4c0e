import { createHmac, timingSafeEqual } from 'node:crypto'

const sign = ({ id, expires, secret }: { id: string; expires: number; secret: string }): string =>
  createHmac('sha256', secret).update(`article-preview:${id}:${expires}`).digest('base64url')

/** `<expires>.<hmac>`: valid for this article only, until `expires` (seconds since the epoch). */
export const createPreviewToken = ({
  id,
  secret,
  ttlSeconds,
  now = Date.now(),
}: {
  id: number | string
  secret: string
  ttlSeconds: number
  now?: number
}): { token: string; expiresAt: Date } => {
  const expires = Math.floor(now / 1000) + ttlSeconds
  return {
    token: `${expires}.${sign({ id: String(id), expires, secret })}`,
    expiresAt: new Date(expires * 1000),
  }
}

export const isValidPreviewToken = ({
  id,
  token,
  secret,
  now = Date.now(),
}: {
  id: string
  token: unknown
  secret: string
  now?: number
}): boolean => {
  if (typeof token !== 'string') {
    return false
  }
  const [expiresText, signature] = token.split('.')
  const expires = Number(expiresText)
  if (!signature || !Number.isInteger(expires) || expires * 1000 < now) {
    return false
  }
  const expected = Buffer.from(sign({ id, expires, secret }))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
