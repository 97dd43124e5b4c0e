import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { slateEditor } from '@payloadcms/richtext-slate'
import { buildConfig } from 'payload'

import { Articles } from '@collections/Articles'
import { Authors } from '@collections/Authors'
import { Disclaimers } from '@collections/Disclaimers'
import { MedicalReviewers } from '@collections/MedicalReviewers'
import { NotificationDigestItems } from '@collections/NotificationDigestItems'
import { NotificationNotices } from '@collections/NotificationNotices'
import { ScheduledActions } from '@collections/ScheduledActions'
import { Media } from '@collections/Media'
import { Publisher } from '@collections/Publisher'
import { PublishedArticles } from '@collections/PublishedArticles'
import { ReviewRecords } from '@collections/ReviewRecords'
import { Retractions } from '@collections/Retractions'
import { ReviewComments } from '@collections/ReviewComments'
import { Sources } from '@collections/Sources'
import { Topics } from '@collections/Topics'
import { Users } from '@collections/Users'
import { plugins } from '@/plugins'
import { isAdmin } from '@access/isAdmin'
import { hasRole } from '@/shared/roles'
import { nobody } from '@access/nobody'
import { databaseAdapter } from '@/db/adapter'
import { hideLockedAccounts } from '@/accounts/hideLockedAccounts'
import { logGraphqlErrors } from '@/shared/logGraphqlErrors'
import { payloadLogger } from '@/shared/payloadLogger'
import { refusalsAsErrors } from '@/shared/refusalErrors'
import { isProduction, resolveSecret, serverUrl } from '@/config/env'
import { emailAdapter } from '@/email/emailAdapter'
import { serializeSqliteWrites } from '@/db/sqliteWriters'
import { plannerStatistics } from '@/db/plannerStatistics'
import type { User } from '@payload-types'
import { WEBHOOK_QUEUE } from '@/webhooks/webhooks'
import { deliverWebhookTask } from '@/webhooks/deliverWebhook'
import { REVIEW_DUE_QUEUE, reviewDueSweepTask } from '@/reviewDue/sweep'
import {
  READ_MODEL_QUEUE,
  cronsRunHere,
  refreshPublishedArticlesTask,
} from '@/delivery/readModel/refreshJob'
import { NOTIFICATION_QUEUE } from '@/notifications/queueNotification'
import { sendNotificationTask } from '@/notifications/sendNotification'
import { sendDigestsTask } from '@/notifications/digest'
import { credentialsExpiryTask } from '@/notifications/credentialsExpiring'
import { SCHEDULE_QUEUE } from '@/schedules/schedules'
import { applyScheduledActionTask } from '@/schedules/service/applySchedule'
import { emailSettings } from '@/config/email'
import { limitsFromEnv } from '@/config/limits'
import { webhookConfig } from '@/config/webhooks'
import { publicSite } from '@/config/publicSite'
import {
  databaseChoice,
  extraCorsOrigins,
  isJobsAutorun,
  isSchemaPush,
  logLevel,
  typesOutputFile,
} from '@/config/env'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const origin = serverUrl()
// Fail at startup, not at the first publish, when webhooks are half configured.
webhookConfig()
// …and when a public URL template has no {slug}.
publicSite()
const extraOrigins = extraCorsOrigins()

export default buildConfig({
  secret: resolveSecret(),
  serverURL: origin,
  cors: [origin, ...extraOrigins],
  csrf: [origin, ...extraOrigins],
  db: await databaseAdapter({
    choice: databaseChoice(),
    isSchemaPush: isSchemaPush(),
  }),
  editor: slateEditor({
    admin: {
      elements: ['h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'link'],
      leaves: ['bold', 'italic', 'underline'],
    },
  }),
  collections: [
    Articles,
    ReviewRecords,
    Authors,
    MedicalReviewers,
    Sources,
    Topics,
    Disclaimers,
    Media,
    Users,
    // Last: a new collection's columns go at the end of Payload's shared tables.
    ReviewComments,
    Retractions,
    PublishedArticles,
    NotificationDigestItems,
    NotificationNotices,
    ScheduledActions,
  ],
  plugins,
  globals: [Publisher],
  email: emailAdapter({ settings: emailSettings(), isProduction: isProduction() }),
  // A locked account answers like a wrong password: the difference told attackers it exists.
  i18n: {
    translations: {
      en: { error: { userLocked: 'The email or password provided is incorrect.' } },
    },
  },
  // Logged first: a hook after it that failed would leave the error unlogged.
  hooks: { afterError: [logGraphqlErrors, hideLockedAccounts, refusalsAsErrors] },
  // The same bound as the HTTP door (MAX_UPLOAD_BYTES), for uploads that reach Payload another way.
  upload: { limits: { fileSize: limitsFromEnv().maxUploadBytes } },
  onInit: async (payload) => {
    // First, on the client's own connection, which then plans with them; connections opened
    // later read them as they open.
    await plannerStatistics(payload)
    const db = payload.db as unknown as { client?: unknown; clientConfig?: { url?: string } }
    // One connection per transaction needs a file; an in-memory database is a single connection.
    if (payload.db.name === 'sqlite' && db.clientConfig?.url?.startsWith('file:')) {
      serializeSqliteWrites({ client: db.client, clientConfig: db.clientConfig as { url: string } })
    }
  },

  jobs: {
    tasks: [
      reviewDueSweepTask,
      deliverWebhookTask,
      refreshPublishedArticlesTask,
      sendNotificationTask,
      sendDigestsTask,
      credentialsExpiryTask,
      applyScheduledActionTask,
    ],
    // Web instances can leave the queues to a worker: JOBS_AUTORUN=false. A server with a render
    // thread leaves the read-model queue to it (src/delivery/readModel/renderThread.ts).
    autoRun: (payload) =>
      !isJobsAutorun()
        ? []
        : cronsRunHere({
            payload,
            crons: [
              { cron: '*/5 * * * *', queue: REVIEW_DUE_QUEUE },
              { cron: '*/10 * * * * *', queue: WEBHOOK_QUEUE },
              { cron: '*/10 * * * * *', queue: READ_MODEL_QUEUE },
              { cron: '*/10 * * * * *', queue: NOTIFICATION_QUEUE },
              // Scheduled publish and archive: within ten seconds of their time.
              { cron: '*/10 * * * * *', queue: SCHEDULE_QUEUE },
            ],
          }),
    // Payload lets any logged-in user queue, run and cancel jobs unless told otherwise.
    access: {
      queue: ({ req }) => hasRole(req.user, 'admin'),
      run: ({ req }) => hasRole(req.user, 'admin'),
      cancel: ({ req }) => hasRole(req.user, 'admin'),
    },
    // Admins see queued and failed jobs (webhook deliveries among them) under System.
    jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
      ...defaultJobsCollection,
      admin: {
        ...defaultJobsCollection.admin,
        hidden: ({ user }) => !hasRole(user as { roles?: User['roles'] }, 'admin'),
      },
      access: {
        create: nobody,
        read: isAdmin,
        update: nobody,
        delete: isAdmin,
        readVersions: nobody,
        unlock: nobody,
      },
    }),
  },
  admin: {
    user: Users.slug,
    // The default avatar is fetched from an outside host, which a closed network cannot reach.
    avatar: 'default',
    importMap: { baseDir: path.resolve(dirname) },
    meta: { titleSuffix: ' · Signoff' },
    components: { beforeDashboard: ['/src/admin/EditorialDashboard#EditorialDashboard'] },
  },
  graphQL: { disablePlaygroundInProduction: true },
  // LOG_LEVEL switches to plain JSON lines at that level (production log shippers want JSON).
  logger: payloadLogger(logLevel()),
  // A refused login, query or workflow step is the API doing its job, not a fault: error-level logs
  // stay for faults. A locked account, or an address held back for too many attempts, is worth a
  // warning.
  loggingLevels: {
    AuthenticationError: 'info',
    QueryError: 'info',
    LockedAuth: 'warn',
    // Signoff's own errors; GraphQL's are logged by logGraphqlErrors, at their cause's level.
    ...({
      RefusedError: 'info',
      RequestError: 'info',
      TooManyAttemptsError: 'warn',
      GraphQLError: false,
    } as Record<string, 'info' | 'warn' | false>),
  },
  telemetry: false,
  // PAYLOAD_TYPES_OUTPUT lets a test generate the types elsewhere and compare them with the committed file.
  typescript: {
    outputFile: typesOutputFile() || path.resolve(dirname, 'payload-types.ts'),
    // Payload would otherwise spawn `payload generate:types` on every start outside production,
    // the render thread's included (a child process at its priority, rewriting a source file):
    // `npm run generate:types` makes them, and a test fails when the committed file is behind.
    autoGenerate: false,
  },
})
