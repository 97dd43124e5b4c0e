import { currentEnv } from './env'
import type { Env } from './env'
import { ConfigError } from './errors'

/** `WEBHOOK_URLS` (comma-separated) and the `WEBHOOK_SECRET` that signs every delivery. */
export const webhookConfig = (
  env: Env = currentEnv(),
): { urls: string[]; secret: string } | null => {
  const urls = (env.WEBHOOK_URLS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
  if (!urls.length) {
    return null
  }
  for (const url of urls) {
    if (!/^https?:\/\//.test(url)) {
      throw new ConfigError(`WEBHOOK_URLS has "${url}", which is not an http(s) URL.`)
    }
  }
  const secret = env.WEBHOOK_SECRET?.trim()
  if (!secret) {
    throw new ConfigError(
      'WEBHOOK_URLS is set but WEBHOOK_SECRET is not: set a shared secret so receivers can check X-Signoff-Signature.',
    )
  }
  return { urls, secret }
}
