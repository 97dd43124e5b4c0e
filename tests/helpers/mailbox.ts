import { SMTPServer } from 'smtp-server'

import { freePort } from './startApp'

export type Mail = { to: string[]; raw: string }

export type Mailbox = {
  /** `smtp://127.0.0.1:<port>`: what SMTP_URL is set to. */
  url: string
  messages: Mail[]
  /** The first message that matches, waiting up to `timeoutMs` for it. */
  waitFor: (matches: (mail: Mail) => boolean, timeoutMs?: number) => Promise<Mail>
  /** While true the server refuses every recipient (451), as a mail server in trouble does. */
  refuse: (isRefusing: boolean) => void
  close: () => Promise<void>
}

/** A real SMTP server in this process, on a free port, keeping every message it receives. */
export const startMailbox = async (): Promise<Mailbox> => {
  const messages: Mail[] = []
  let isRefusing = false
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo: (_address, _session, callback) => {
      if (!isRefusing) {
        callback()
        return
      }
      const refusal = new Error('Mailbox unavailable, try again later') as Error & {
        responseCode: number
      }
      refusal.responseCode = 451
      callback(refusal)
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        messages.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          // Quoted-printable soft line breaks would split links.
          raw: Buffer.concat(chunks)
            .toString('utf8')
            .replace(/=\r?\n/g, '')
            .replace(/=3D/g, '='),
        })
        callback()
      })
    },
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()))
  const waitFor: Mailbox['waitFor'] = async (matches, timeoutMs = 10_000) => {
    const until = Date.now() + timeoutMs
    for (;;) {
      const found = messages.find(matches)
      if (found) {
        return found
      }
      if (Date.now() > until) {
        throw new Error(`no matching e-mail within ${timeoutMs} ms (got ${messages.length})`)
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor,
    refuse: (value) => {
      isRefusing = value
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
