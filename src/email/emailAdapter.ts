import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import type { EmailAdapter, Payload, SendEmailOptions } from 'payload'
import type { EmailSettings } from '@/config/email'

type Adapter = ReturnType<EmailAdapter>

/** Payload's adapter plus `sendNow`: sends at once and throws when the mail server refuses. */
export type SignoffEmailAdapter = Adapter & {
  sendNow: (message: SendEmailOptions) => Promise<unknown>
}

const RETRY_DELAYS_MS = [1_000, 5_000, 25_000]

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref())

/**
 * Payload sends some mail (a password reset) inside the operation's database transaction: a slow
 * mail server would hold the database's single writer for as long. Here the message leaves after
 * the operation, retried with backoff; a message that still fails is logged as an error.
 * `sendNow` is for jobs (notifications): they run outside any request and retry on a throw.
 */
const sendAfterTheOperation = ({
  adapter,
  payload,
}: {
  adapter: Adapter
  payload: Payload
}): SignoffEmailAdapter => ({
  ...adapter,
  sendNow: (message: SendEmailOptions) => adapter.sendEmail(message),
  sendEmail: async (message: SendEmailOptions) => {
    setImmediate(() => {
      void (async () => {
        for (let attempt = 0; ; attempt += 1) {
          try {
            await adapter.sendEmail(message)
            return
          } catch (error) {
            const delay = RETRY_DELAYS_MS[attempt]
            if (delay === undefined) {
              payload.logger.error({
                err: error,
                msg: `E-mail "${message.subject}" could not be sent.`,
              })
              return
            }
            await sleep(delay)
          }
        }
      })()
    })
    return { queued: true }
  },
})

/** Without SMTP_URL messages are written to the log (their links too, outside production). */
const logAdapter =
  ({ settings, isProduction }: { settings: EmailSettings; isProduction: boolean }): EmailAdapter =>
  ({ payload }) => ({
    name: 'log',
    defaultFromAddress: settings.fromAddress,
    defaultFromName: settings.fromName,
    sendEmail: async (message) => {
      payload.logger.info({
        msg: `E-mail (not sent: SMTP_URL is not set) to ${String(message.to)}: ${message.subject}`,
        ...(isProduction ? {} : { html: message.html }),
      })
      return { logged: true }
    },
  })

/** Payload's e-mail: SMTP through nodemailer when SMTP_URL is set, the log otherwise. */
export const emailAdapter = async ({
  settings,
  isProduction,
}: {
  settings: EmailSettings
  isProduction: boolean
}): Promise<EmailAdapter> => {
  const inner = settings.smtpUrl
    ? await nodemailerAdapter({
        defaultFromAddress: settings.fromAddress,
        defaultFromName: settings.fromName,
        // nodemailer takes the connection URL as its options.
        transportOptions: settings.smtpUrl as never,
        // A mail server that is down must not stop the CMS from starting.
        skipVerify: true,
      })
    : logAdapter({ settings, isProduction })
  return ({ payload }) => sendAfterTheOperation({ adapter: inner({ payload }), payload })
}

/** Sends one message now through Signoff's adapter; throws when it cannot be sent. */
export const sendEmailNow = async ({
  payload,
  message,
}: {
  payload: Payload
  message: SendEmailOptions
}): Promise<void> => {
  const adapter = payload.email as Partial<SignoffEmailAdapter>
  if (typeof adapter.sendNow !== 'function') {
    throw new Error('The e-mail adapter is not the one src/email/emailAdapter.ts makes.')
  }
  await adapter.sendNow(message)
}
