import { serverUrl } from '@/config/env'
import { escapeHtml } from '@/richText/slateToHtml'

/** The reset link always starts with SERVER_URL, never with a host a request claimed. */
const resetPasswordLink = (token: string): string =>
  `${serverUrl()}/admin/reset/${encodeURIComponent(token)}`

export const resetPasswordEmailSubject = (): string => 'Reset your Signoff password'

export const resetPasswordEmailHtml = ({ token }: { token?: string }): string => {
  const link = escapeHtml(resetPasswordLink(token ?? ''))
  return [
    '<p>Someone (hopefully you) asked to reset the password of your Signoff account.</p>',
    `<p><a href="${link}">${link}</a></p>`,
    '<p>The link works for one hour. If you did not ask for it, ignore this message: your password stays as it is.</p>',
  ].join('\n')
}
