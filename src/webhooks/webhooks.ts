import { createHmac } from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'
import { webhookConfig } from '@/config/webhooks'

type WebhookEvent =
  | 'article.published'
  | 'article.archived'
  | 'article.review_overdue'
  | 'article.evidence_changed'
  | 'article.source_retracted'

export type WebhookBody = {
  event: WebhookEvent
  article: { id: number | string; slug: string | null }
  at: string
  /**
   * For `article.evidence_changed`: what changed since the reviewer signed; for
   * `article.source_retracted`: the retracted sources. One line each.
   */
  changes?: string[]
}

export const WEBHOOK_QUEUE = 'webhooks'

/** `sha256=<hex HMAC of the exact body>`, the value of X-Signoff-Signature. */
export const signWebhook = ({ body, secret }: { body: string; secret: string }): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`

/**
 * Queues one delivery per configured URL. Never throws: a webhook problem is logged and must not
 * stop the publish that caused it.
 */
export const queueWebhooks = async ({
  payload,
  req,
  event,
  article,
  changes,
}: {
  payload: Payload
  req?: PayloadRequest
  event: WebhookEvent
  article: { id: number | string; slug?: string | null }
  changes?: string[]
}): Promise<void> => {
  try {
    const config = webhookConfig()
    if (!config) {
      return
    }
    const body: WebhookBody = {
      event,
      article: { id: article.id, slug: article.slug ?? null },
      at: new Date().toISOString(),
      ...(changes ? { changes } : {}),
    }
    for (const url of config.urls) {
      await payload.jobs.queue({
        task: 'deliverWebhook',
        input: { url, body },
        queue: WEBHOOK_QUEUE,
        req,
      })
    }
  } catch (error) {
    payload.logger.error({
      err: error,
      msg: `Could not queue the ${event} webhook for article ${article.id}.`,
    })
  }
}
