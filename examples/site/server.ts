/** `npm run site`: the reference public site on PORT (3001), reading the CMS at SIGNOFF_URL. */
import { createSite } from './app'
import { siteConfig } from './config'
import type { SiteConfig } from './config'

let config: SiteConfig
try {
  config = siteConfig()
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}

const { app } = createSite({ config })
const server = app.listen(config.port, () => {
  console.log(`The site is running on ${config.siteUrl}, reading ${config.signoffUrl}/content/v1.`)
  if (!config.webhookSecret) {
    console.warn(
      'SIGNOFF_WEBHOOK_SECRET is not set: webhooks are refused, so pages change only as the cache expires.',
    )
  }
})
server.on('error', (error) => {
  console.error(`The site could not start on port ${config.port}: ${error.message}`)
  process.exit(1)
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0))
    server.closeAllConnections()
  })
}
