/** `npm run seed`: imports the seed article (and, outside production, the demo accounts). Safe to repeat. */
import { ConfigError, isProduction, reviewIntervalMonths } from '@/config/env'
import { seedDemo } from '@/seed/seedDemo'
import { startPayload } from '@/server/app'

const main = async (): Promise<void> => {
  const { payload } = await startPayload()
  const result = await seedDemo({
    payload,
    demoPassword: process.env.DEMO_PASSWORD || 'signoff-demo',
    withDemoAccounts: !isProduction(),
    reviewIntervalMonths: reviewIntervalMonths(),
  })
  console.log(
    result.createdArticle
      ? `Imported "Causes of Lower Back Spasms" (article ${result.articleId}).`
      : `"Causes of Lower Back Spasms" is already there (article ${result.articleId}); nothing changed.`,
  )
  if (result.demoAccounts.length) {
    console.log(`Demo accounts: ${result.demoAccounts.join(', ')}`)
  }
  await payload.destroy()
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error)
    process.exit(1)
  },
)
