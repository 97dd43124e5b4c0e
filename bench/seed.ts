import { randomBytes } from 'node:crypto'

import { progressReporter } from './progress'

export type Seeded = {
  slugs: string[]
  seedMs: number
  /** The demo accounts' password: the editors' cases log in as the writer, reviewer and editor. */
  password: string
  /** The demo's seed article, the model for the articles the decision case creates. */
  seedArticleId: number
}

/**
 * Seeds a fresh SQLite database in this process, through the Local API, with a progress line:
 * `count` published articles, then the demo's article and accounts for the editors' cases.
 */
export const seed = async ({
  env,
  count,
  log,
}: {
  env: Record<string, string>
  count: number
  log: (l: string) => void
}): Promise<Seeded> => {
  // Payload reads its settings from the environment; put this process's own back afterwards.
  const saved = { ...process.env }
  Object.assign(process.env, env)
  try {
    return await seedWithPayload({ count, log })
  } finally {
    for (const key of Object.keys(env)) {
      if (saved[key] === undefined) {
        delete process.env[key]
      } else {
        process.env[key] = saved[key]
      }
    }
  }
}

const seedWithPayload = async ({
  count,
  log,
}: {
  count: number
  log: (l: string) => void
}): Promise<Seeded> => {
  const { startPayload } = await import('@/server/start')
  const { seedDemo } = await import('@/seed/seedDemo')
  const { seedBenchArticles, seedBenchFixtures } = await import('./seedArticles')
  const { compressLater } = await import('@/delivery/readModel/compressLater')
  const { payload } = await startPayload({
    loadConfig: async () => (await import('@payload-config')).default,
    log: () => undefined,
  })
  // First: the demo's default disclaimer, made after the bench's, would take the default from it,
  // and that change marks every bench article's rendering stale.
  const password = randomBytes(12).toString('base64url')
  const { articleId } = await seedDemo({
    payload,
    demoPassword: password,
    withDemoAccounts: true,
    reviewIntervalMonths: 24,
  })
  const started = Date.now()
  const slugs = await seedBenchArticles({
    payload,
    fixtures: await seedBenchFixtures({ payload }),
    count,
    onProgress: progressReporter({ label: 'seeding', total: count }),
  })
  // A publish is done when its rendering's compressed bodies are stored too.
  await compressLater(payload).idle()
  const seedMs = Date.now() - started
  log(`  ${(seedMs / Math.max(count, 1)).toFixed(1)} ms an article`)
  // Hand the server a database with an empty write-ahead log, as a restored backup would be.
  await (
    payload.db as unknown as { client: { execute: (sql: string) => Promise<unknown> } }
  ).client.execute('PRAGMA wal_checkpoint(TRUNCATE)')
  await payload.destroy()
  return { slugs, seedMs, password, seedArticleId: Number(articleId) }
}
