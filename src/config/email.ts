import { ConfigError } from './errors'
import { currentEnv } from './env'
import type { Env } from './env'

export type EmailSettings = {
  /** `smtp://user:pass@host:587` (or `smtps://`); without it messages are written to the log. */
  smtpUrl: string | null
  fromAddress: string
  fromName: string
}

/** `EMAIL_FROM` is `Name <address>` or a bare address. */
export const emailSettings = (env: Env = currentEnv()): EmailSettings => {
  const smtpUrl = env.SMTP_URL?.trim() || null
  if (smtpUrl && !/^smtps?:\/\/[^/\s]+/i.test(smtpUrl)) {
    throw new ConfigError(
      `SMTP_URL must look like smtp://user:password@host:587 (or smtps://…); got "${smtpUrl.replace(/\/\/[^@/]*@/, '//…@')}".`,
    )
  }
  const from = env.EMAIL_FROM?.trim() || 'Signoff <signoff@localhost>'
  const match = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(from)
  const fromAddress = match ? (match[2] as string) : from
  if (!/^[^@\s]+@[^@\s]+$/.test(fromAddress)) {
    throw new ConfigError(
      `EMAIL_FROM must be an address or "Name <address>", e.g. "Signoff <no-reply@example.org>"; got "${from}".`,
    )
  }
  return { smtpUrl, fromAddress, fromName: match?.[1]?.replace(/^"|"$/g, '') || 'Signoff' }
}
