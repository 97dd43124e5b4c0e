import { fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'

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
 * Node's young generation for the seed's process: an import allocates a great deal that dies
 * young, and with 32 MB instead of the default 16 it collects less often (seeding 30,000 articles:
 * 5.65–5.87 ms an article against 5.95–6.22). The server keeps its own flags (`npm start`).
 */
const SEED_NODE_FLAGS = ['--max-semi-space-size=32']

const IS_CHILD = process.env.SIGNOFF_BENCH_SEED_CHILD === '1'

type Request = { count: number }
type Message = { log: string } | { seeded: Seeded } | { error: string }

/**
 * Seeds a fresh SQLite database, through the Local API, with a progress line: `count` published
 * articles, then the demo's article and accounts for the editors' cases. It runs in a process of
 * its own, as an import would, with `env` for Payload's settings: the bench's process, which then
 * generates the load, is left as it was (its settings, its heap, the binding's finalizers).
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
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: [...SEED_NODE_FLAGS, '--import', 'tsx'],
    env: { ...process.env, ...env, SIGNOFF_BENCH_SEED_CHILD: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise<Seeded>((resolve, reject) => {
    let isSettled = false
    child.on('message', (message: Message) => {
      if ('log' in message) {
        log(message.log)
      } else if ('seeded' in message) {
        isSettled = true
        resolve(message.seeded)
      } else {
        isSettled = true
        reject(new Error(`Seeding failed: ${message.error}`))
      }
    })
    child.once('exit', (code, signal) => {
      if (!isSettled) {
        reject(new Error(`The seed's process exited (${signal ?? code}) before it was done.`))
      }
    })
    child.send({ count } satisfies Request)
  })
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

if (IS_CHILD) {
  process.once('message', (request: Request) => {
    const send = (message: Message) =>
      new Promise<void>((resolve) => process.send?.(message, undefined, undefined, () => resolve()))
    seedWithPayload({ count: request.count, log: (line) => void send({ log: line }) })
      .then(async (seeded) => {
        await send({ seeded })
        process.exit(0)
      })
      .catch(async (error: unknown) => {
        await send({
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        })
        process.exit(1)
      })
  })
}
