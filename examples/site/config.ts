/** The site's settings, all from the environment, read once here. */
export type SiteConfig = {
  port: number
  /** The CMS's origin; the site reads `${signoffUrl}/content/v1`. */
  signoffUrl: string
  /** Where readers reach this site: the sitemap and canonical links start with it. */
  siteUrl: string
  /** The CMS's WEBHOOK_SECRET; without it the webhook receiver refuses every delivery. */
  webhookSecret: string | null
  siteName: string
  isProduction: boolean
}

type Env = Record<string, string | undefined>

const origin = ({ name, value }: { name: string; value: string }): string => {
  try {
    const url = new URL(value)
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return value.replace(/\/+$/, '')
    }
  } catch {
    // Reported below.
  }
  throw new Error(`${name} must be an http(s) URL such as http://localhost:3000, not "${value}".`)
}

export const siteConfig = (env: Env = process.env): SiteConfig => {
  const port = Number(env.PORT || 3001)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a port number (1-65535), not "${env.PORT}".`)
  }
  return {
    port,
    signoffUrl: origin({ name: 'SIGNOFF_URL', value: env.SIGNOFF_URL || 'http://localhost:3000' }),
    siteUrl: origin({ name: 'SITE_URL', value: env.SITE_URL || `http://localhost:${port}` }),
    webhookSecret: env.SIGNOFF_WEBHOOK_SECRET || null,
    siteName: env.SITE_NAME || 'Signoff Health',
    isProduction: env.NODE_ENV === 'production',
  }
}
