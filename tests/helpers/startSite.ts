import { spawn } from 'node:child_process'

import { freePort } from './startApp'

export type RunningSite = { url: string; output: () => string; stop: () => Promise<void> }

/**
 * Runs `npm run site` (the reference public site, examples/site) as a user would, on a free port
 * against the CMS at `signoffUrl`, and resolves once it says it is running.
 */
export const startSite = async ({
  signoffUrl,
  port,
  env = {},
  timeoutMs = 60_000,
}: {
  signoffUrl: string
  /** Chosen beforehand when the CMS must know the site's address (its WEBHOOK_URLS). */
  port?: number
  env?: Record<string, string>
  timeoutMs?: number
}): Promise<RunningSite> => {
  port ??= await freePort()
  const url = `http://127.0.0.1:${port}`
  let output = ''
  const child = spawn('npm', ['run', 'site'], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      PORT: String(port),
      SITE_URL: url,
      SIGNOFF_URL: signoffUrl,
      ...env,
    },
    detached: true,
  })
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      process.kill(-child.pid, 'SIGTERM')
      // Unref'd: a finished test run need not wait for this timer.
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000).unref())])
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // ESRCH: the whole group has exited already.
      }
    }
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the site did not start within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    )
    child.stdout.on('data', () => {
      if (output.includes('The site is running')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the site exited (${code}) before it was ready:\n${output}`))
    })
  })
  return { url, output: () => output, stop }
}
