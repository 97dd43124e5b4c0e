import type { TaskConfig } from 'payload'

import { signWebhook } from './webhooks'
import type { WebhookBody } from './webhooks'
import { webhookConfig } from '@/config/webhooks'
import { webhookRetryDelayMs } from '@/config/env'

const TIMEOUT_MS = 10_000

/** POSTs one signed webhook; a non-2xx answer or a network error fails the attempt and Payload retries with backoff. */
export const deliverWebhookTask: TaskConfig<{
  input: { url: string; body: WebhookBody }
  output: { status: number }
}> = {
  slug: 'deliverWebhook',
  label: 'Deliver a webhook',
  retries: {
    attempts: 5,
    backoff: { type: 'exponential', delay: webhookRetryDelayMs() },
  },
  inputSchema: [
    { name: 'url', type: 'text', required: true },
    { name: 'body', type: 'json', required: true },
  ],
  outputSchema: [{ name: 'status', type: 'number' }],
  handler: async ({ input, req }) => {
    const config = webhookConfig()
    if (!config) {
      throw new Error('WEBHOOK_URLS is no longer configured; nothing to deliver to.')
    }
    const body = JSON.stringify(input.body)
    const response = await fetch(input.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Signoff-Webhooks/1',
        'x-signoff-event': input.body.event,
        'x-signoff-signature': signWebhook({ body, secret: config.secret }),
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'manual',
    })
    if (!response.ok) {
      req.payload.logger.warn(
        `Webhook ${input.body.event} to ${input.url} answered ${response.status}; will retry.`,
      )
      throw new Error(`Webhook receiver answered ${response.status}`)
    }
    return { output: { status: response.status } }
  },
}
