/** `npm run seed`: imports the seed article (and, outside production, the demo accounts). Safe to repeat. */
import { isProduction, reviewIntervalMonths } from '@/config/env'
import { seedDemo } from '@/seed/seedDemo'
import { startPayload } from '@/server/start'
import { demoPassword } from '@/config/env'

import { loadConfig, main } from './main'

main({
  run: async () => {
    const { payload } = await startPayload({ loadConfig })
    const result = await seedDemo({
      payload,
      demoPassword: demoPassword(),
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
  },
})
