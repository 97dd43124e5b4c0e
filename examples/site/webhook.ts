/**
 * POST /webhooks/signoff: Signoff's webhooks, trusted only with a valid signature. The CMS signs
 * the exact body: `X-Signoff-Signature: sha256=<hex HMAC-SHA256 of the body with WEBHOOK_SECRET>`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

import express from 'express'
import type { RequestHandler } from 'express'

/** Events after which pages may show something else: the cache is emptied. */
export const PURGING_EVENTS = ['article.published', 'article.archived', 'article.review_overdue']

export const isValidSignature = ({
  body,
  signature,
  secret,
}: {
  body: Buffer
  signature: string | undefined
  secret: string
}): boolean => {
  const hex = /^sha256=([0-9a-f]{64})$/i.exec(signature ?? '')?.[1]
  if (!hex) {
    return false
  }
  const expected = createHmac('sha256', secret).update(body).digest()
  // Constant time: how much of a forged signature is right must not show in the timing.
  return timingSafeEqual(Buffer.from(hex, 'hex'), expected)
}

export const webhookReceiver = ({
  secret,
  onContentChange,
  log = console,
}: {
  secret: string | null
  onContentChange: (event: string) => void
  log?: Pick<Console, 'warn' | 'info'>
}): RequestHandler[] => [
  // The signature covers the exact bytes: read them raw, before any JSON parsing.
  express.raw({ type: () => true, limit: '64kb' }),
  (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
    const signature = req.get('x-signoff-signature')
    if (!secret || !isValidSignature({ body, signature, secret })) {
      log.warn(
        secret
          ? 'Refused a webhook with a missing or wrong X-Signoff-Signature.'
          : 'Refused a webhook: set SIGNOFF_WEBHOOK_SECRET to the CMS’s WEBHOOK_SECRET to accept them.',
      )
      res.status(401).json({ error: 'Invalid signature' })
      return
    }
    let event: unknown
    try {
      event = (JSON.parse(body.toString('utf8')) as { event?: unknown }).event
    } catch {
      res.status(400).json({ error: 'The body is not JSON' })
      return
    }
    if (typeof event === 'string' && PURGING_EVENTS.includes(event)) {
      onContentChange(event)
      log.info(`${event}: the content cache was emptied.`)
    }
    res.status(204).end()
  },
]
