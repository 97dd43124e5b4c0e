import type { Server } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import express from 'express'
import type { Express, Request, Response } from 'express'
import next from 'next'
import { getPayload } from 'payload'
import type { Payload } from 'payload'

import { checkMongo } from '@/db/checkMongo'
import {
  chooseDatabase,
  isProduction,
  resolveSecret,
  reviewIntervalMonths,
  serverUrl,
  trustProxy,
} from '@/config/env'
import type { DatabaseChoice } from '@/config/env'
import { applyMigrations } from '@/db/migrations'
import { deliveryOptionsFromEnv } from '@/delivery/options'
import type { DeliveryOptions } from '@/delivery/options'
import { deliveryRouter } from '@/delivery/router'
import { healthHandler } from './health'
import { bodySizeLimit, limitsFromEnv, rateLimit } from './rateLimit'
import type { Limits } from './rateLimit'
import { boundedListQueries, supportedBody } from './requestGuards'
import { DEMO_ACCOUNTS, seedDemo } from '@/seed/seedDemo'
import { passClientAddress } from './clientAddress'
import { securityHeaders } from './securityHeaders'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

type NextHandler = (req: Request, res: Response) => Promise<void>

/** The Express app: health, the delivery API, then Next (admin, REST, GraphQL). */
export const createApp = ({
  payload,
  adapter,
  handleNext,
  delivery = deliveryOptionsFromEnv(),
  limits = limitsFromEnv(),
  isDev = false,
  isProduction: production = isProduction(),
}: {
  payload: Payload
  adapter: DatabaseChoice['adapter']
  handleNext?: NextHandler
  delivery?: DeliveryOptions
  limits?: Limits
  /** Next in development mode: the admin's CSP then allows eval. */
  isDev?: boolean
  /** Adds HSTS. Next changes NODE_ENV as it prepares: pass the value from before. */
  isProduction?: boolean
}): Express => {
  const app = express()
  // First, so every answer has them: 404s, 429s and 413s included.
  app.use(
    securityHeaders({
      isDev,
      isProduction: production,
      uploadSlugs: payload.config.collections
        .filter((collection) => collection.upload)
        .map((collection) => collection.slug),
    }),
  )
  app.disable('x-powered-by')
  // The delivery API sets strong ETags of its own.
  app.set('etag', false)
  // Behind proxies, TRUST_PROXY says how many (or which) may name the client's address.
  app.set('trust proxy', trustProxy())
  app.use(passClientAddress)
  app.get('/health', healthHandler({ payload, adapter }))
  // `npm run bench` compares the delivery API with a file served by express.static in this process.
  if (process.env.BENCH_STATIC_DIR) {
    app.use('/bench-static', express.static(process.env.BENCH_STATIC_DIR, { etag: true }))
  }
  app.use(
    '/content/v1',
    rateLimit({
      max: limits.deliveryPerMinute,
      windowMs: 60_000,
      message: 'Too many requests; slow down and retry after the number of seconds in Retry-After.',
    }),
    deliveryRouter({ payload, options: delivery, secret: payload.secret }),
  )
  const uploadPaths = payload.config.collections
    .filter((collection) => collection.upload)
    .map((collection) => `/${collection.slug}`)
  app.use(
    '/api',
    bodySizeLimit({
      maxBytes: limits.maxBodyBytes,
      maxUploadBytes: limits.maxUploadBytes,
      uploadPaths,
    }),
    supportedBody,
    boundedListQueries,
  )
  if (handleNext) {
    app.all('/{*splat}', (req, res) => handleNext(req, res))
  }
  return app
}

/** Connects the database (checked first for MongoDB), applies migrations. */
export const startPayload = async ({
  log = console.log,
}: { log?: (line: string) => void } = {}): Promise<{
  payload: Payload
  choice: DatabaseChoice
}> => {
  const choice = chooseDatabase({ uri: process.env.DATABASE_URI })
  if (choice.adapter === 'mongodb') {
    const { isReplicaSet } = await checkMongo(choice)
    if (!isReplicaSet) {
      log(
        `Warning: MongoDB at ${choice.host} is not a replica set, so Payload runs without transactions: ` +
          'a crash between two writes of one publish can leave them half done. Use a replica set (or Atlas) in production.',
      )
    }
  }
  const { default: config } = await import('@payload-config')
  const payload = await getPayload({ config })
  if (process.env.DATABASE_PUSH !== 'true') {
    await applyMigrations({ payload, choice })
  }
  return { payload, choice }
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
  log = console.log,
}: {
  port: number
  isDev: boolean
  log?: (line: string) => void
}): Promise<RunningServer> => {
  // Next switches NODE_ENV to production while it prepares: decide once, before it does.
  const production = isProduction()
  // Next's bundle evaluates the config again; it must find the same secret.
  process.env.PAYLOAD_SECRET = resolveSecret()
  const { payload, choice } = await startPayload({ log })
  const demoPassword = process.env.DEMO_PASSWORD || 'signoff-demo'
  const hasUsers =
    (await payload.count({ collection: 'users', overrideAccess: true })).totalDocs > 0
  const isDemo = !production && !hasUsers
  if (isDemo) {
    log('Empty database: importing the seed article and the demo accounts…')
    await seedDemo({
      payload,
      demoPassword,
      withDemoAccounts: true,
      reviewIntervalMonths: reviewIntervalMonths(),
    })
  }
  const nextApp = next({ dev: isDev, dir: root, port })
  await nextApp.prepare()
  const handle = nextApp.getRequestHandler()
  const app = createApp({
    payload,
    adapter: choice.adapter,
    handleNext: (req, res) => handle(req, res),
    isDev,
    isProduction: production,
  })
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(port, () => resolve(listening)).on('error', reject)
  })
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
            `  Demo logins (password "${demoPassword}" unless DEMO_PASSWORD was changed since):`,
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
    await payload.destroy()
  }
  return { server, payload, url, close }
}
