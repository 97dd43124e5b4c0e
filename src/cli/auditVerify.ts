/**
 * `npm run audit:verify`: checks every article's chain of review records; exits 1 naming the
 * first record that was changed, or that no longer follows the one before it.
 */
import { verifyChains } from '@/audit/verifyChains'
import { startPayload } from '@/server/start'

import { loadConfig, main } from './main'

main({
  failure: 'audit:verify failed',
  run: async () => {
    const { payload } = await startPayload({ loadConfig })
    const { articles, records, broken } = await verifyChains({ payload })
    await payload.destroy()
    if (broken) {
      console.error(
        `Broken audit chain: article ${broken.article}, review record ${broken.recordId} (${broken.reason}): expected ${broken.expected}, found ${broken.found}.`,
      )
      process.exit(1)
    }
    console.log(`Audit chains intact: ${records} review records of ${articles} articles.`)
  },
})
