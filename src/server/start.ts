import type { Server } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { getPayload } from 'payload'
import type { Payload, SanitizedConfig } from 'payload'

import type { DatabaseChoice } from '@/config/database'
import {
  databaseChoice,
  demoPassword,
  isProduction,
  isJobsAutorun,
  isKeepReadModelWarm,
  lookupThreadMode,
  isRenderThread,
  renderThreadNice,
  isSchemaPush,
  resolveSecret,
  reviewIntervalMonths,
  serverUrl,
  shareSecret,
} from '@/config/env'
import { checkMongo } from '@/db/checkMongo'
import { keepReadModelWarm } from '@/db/readModelStore/keepWarm'
import { lookUpOnThread } from '@/db/readModelStore/lookupThread'
import { renderOnThread } from '@/delivery/readModel/renderThread'
import type { RenderThread } from '@/delivery/readModel/renderThread'
import { refreshForNewSettings } from '@/delivery/readModel/refreshJob'
import { applyMigrations } from '@/db/migrations'
import { watchAbandonedJobs } from '@/jobs/abandonedJobs'
import { DEMO_ACCOUNTS, seedDemo } from '@/seed/seedDemo'

import { createApp } from './app'
import { httpServerFor } from './httpServer'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * Connects the database (checked first for MongoDB), applies migrations, starts the job queues
 * (unless JOBS_AUTORUN=false): the read-model queue on a render thread when given its script
 * (`renderThread`), RENDER_THREAD is not `false` and the database is one both threads can open;
 * with them, the watch for jobs a runner abandoned (`src/jobs/abandonedJobs.ts`).
 */
export const startPayload = async ({
  loadConfig,
  log = console.log,
  renderThread,
}: {
  /** Loads payload.config.ts: after the MongoDB check, so a bad setting is a message, not a crash. */
  loadConfig: () => Promise<SanitizedConfig>
  log?: (line: string) => void
  /** The render thread's script (src/cli/renderThread.ts, or its compiled form). */
  renderThread?: URL
}): Promise<{
  payload: Payload
  choice: DatabaseChoice
  thread: RenderThread | null
}> => {
  const choice = databaseChoice()
  if (choice.adapter === 'mongodb') {
    const { isReplicaSet } = await checkMongo(choice)
    if (!isReplicaSet) {
      log(
        `Warning: MongoDB at ${choice.host} is not a replica set, so Payload runs without transactions: ` +
          'a crash between two writes of one publish can leave them half done. Use a replica set (or Atlas) in production.',
      )
    }
  }
  const config = await loadConfig()
  const payload = await getPayload({ config })
  if (!isSchemaPush()) {
    await applyMigrations({ payload, choice })
  }
  let thread: RenderThread | null = null
  if (isJobsAutorun()) {
    // An in-memory SQLite database is one per connection: a thread would render into another.
    const isShared = choice.adapter === 'mongodb' || choice.url.startsWith('file:')
    if (renderThread && isRenderThread() && isShared) {
      // Checked here: a wrong value stops the start with its message, not the thread later.
      renderThreadNice()
      thread = renderOnThread({ payload, entry: renderThread })
    }
    // The job queues run from start-up, on the migrated schema. Payload starts them only when
    // asked (its Next routes ask on the first request): a worker, which answers none, ran nothing.
    await getPayload({ config, cron: true })
    // Jobs a runner left half done (a restart mid-run) would otherwise never run again.
    const stopWatching = watchAbandonedJobs({ payload })
    const destroy = payload.destroy.bind(payload)
    payload.destroy = async () => {
      stopWatching()
      await destroy()
    }
  }
  return { payload, choice, thread }
}

export type RunningServer = {
  server: Server
  payload: Payload
  url: string
  close: () => Promise<void>
}

/** Everything `npm start` does after the build: database, demo seed, Next, listen. */
export const startServer = async ({
  port,
  isDev,
  loadConfig,
  log = console.log,
  renderThread,
}: {
  port: number
  isDev: boolean
  loadConfig: () => Promise<SanitizedConfig>
  log?: (line: string) => void
  /** The render thread's script: see `startPayload`. */
  renderThread?: URL
}): Promise<RunningServer> => {
  // Next switches NODE_ENV to production while it prepares: decide once, before it does.
  const production = isProduction()
  // Next's bundle evaluates the config again; it must find the same secret.
  shareSecret(resolveSecret())
  // Checked before the database opens: a wrong value stops the start with its message.
  const lookupMode = lookupThreadMode()
  const keepWarm = isKeepReadModelWarm()
  const { payload, choice, thread } = await startPayload({ loadConfig, log, renderThread })
  // After a change of settings, every article is rendered again in the background.
  await refreshForNewSettings(payload)
  const lookups =
    lookupMode === 'off'
      ? null
      : lookUpOnThread({ payload, ...(lookupMode === 'always' ? { use: 'always' } : {}) })
  const warm = keepWarm ? keepReadModelWarm({ payload }) : null
  const password = demoPassword()
  const hasUsers =
    (await payload.count({ collection: 'users', overrideAccess: true })).totalDocs > 0
  const isDemo = !production && !hasUsers
  if (isDemo) {
    log('Empty database: importing the seed article and the demo accounts…')
    await seedDemo({
      payload,
      demoPassword: password,
      withDemoAccounts: true,
      reviewIntervalMonths: reviewIntervalMonths(),
    })
  }
  // Next (the admin, Payload's REST and GraphQL) loads and prepares while the server already
  // answers /health and the delivery API: about 0.7 s of a start-up. Its requests wait for it.
  const nextReady = (async () => {
    const { default: next } = await import('next')
    const nextApp = next({ dev: isDev, dir: root, port })
    await nextApp.prepare()
    return { nextApp, handle: nextApp.getRequestHandler() }
  })()
  // Failing to prepare ends the start (below); this only keeps it from being reported twice.
  nextReady.catch(() => undefined)
  const app = createApp({
    payload,
    adapter: choice.adapter,
    handleNext: async (req, res) => (await nextReady).handle(req, res),
    isDev,
    isProduction: production,
    renderThread: () => thread?.state() ?? 'off',
    lookupThread: () => lookups?.state() ?? 'off',
    readModelCache: () => warm?.state() ?? { state: 'off' },
  })
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = httpServerFor(app)
    listening.on('error', reject).listen(port, () => resolve(listening))
  })
  let nextApp: Awaited<typeof nextReady>['nextApp']
  try {
    ;({ nextApp } = await nextReady)
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await thread?.stop()
    await lookups?.stop()
    await warm?.stop()
    throw error
  }
  const url = serverUrl()
  const demoLogins = production
    ? 0
    : (
        await payload.count({
          collection: 'users',
          where: { email: { in: DEMO_ACCOUNTS.map((account) => account.email) } },
          overrideAccess: true,
        })
      ).totalDocs
  // One write, so nobody reading the output sees half of it.
  log(
    [
      `Signoff is running on ${choice.adapter === 'sqlite' ? 'SQLite' : 'MongoDB'}.`,
      `  Admin:    ${url}/admin`,
      `  REST:     ${url}/api   GraphQL: ${url}/api/graphql   Health: ${url}/health`,
      ...(demoLogins > 0
        ? [
            `  Demo logins (password "${password}" unless DEMO_PASSWORD was changed since):`,
            ...DEMO_ACCOUNTS.map(
              (account) => `    ${account.email}  (${account.roles.join(', ')})`,
            ),
          ]
        : []),
      ...(!hasUsers && production
        ? ['  No accounts yet: open the admin to create the first one (it becomes the admin).']
        : []),
    ].join('\n'),
  )
  const close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await nextApp.close()
    await thread?.stop()
    await lookups?.stop()
    await warm?.stop()
    await payload.destroy()
  }
  return { server, payload, url, close }
}
