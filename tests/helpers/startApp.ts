import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export type RunningApp = {
  url: string
  output: () => string
  stop: () => Promise<void>
  /** The process group of `npm start` and what it runs. */
  processGroup: number
}

export const freePort = async (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })

/**
 * Runs `npm start` as a user would (building first when needed) on a free port with a
 * fresh SQLite database, and resolves once the server says it is running. `script: 'worker'` runs
 * `npm run worker` instead; `dataDir` shares another process's data folder (and database).
 */
export const startApp = async ({
  env = {},
  timeoutMs = 240_000,
  script = 'start',
  dataDir: sharedDataDir,
}: {
  env?: Record<string, string>
  timeoutMs?: number
  script?: 'start' | 'worker'
  dataDir?: string
} = {}): Promise<RunningApp & { dataDir: string }> => {
  const port = await freePort()
  const dataDir = sharedDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-app-'))
  let output = ''
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    NODE_OPTIONS: '',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    SERVER_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    DATABASE_URI: `file:${path.join(dataDir, 'signoff.db')}`,
    DATABASE_PUSH: '',
    PAYLOAD_SECRET: '',
    ...env,
  }
  // Jest sets NODE_ENV=test; `npm start` runs without one unless the caller sets it.
  if (!env.NODE_ENV) {
    delete childEnv.NODE_ENV
  }
  const child: ChildProcess = spawn('npm', script === 'start' ? ['start'] : ['run', script], {
    env: childEnv as NodeJS.ProcessEnv,
    detached: true,
  })
  const collect = (chunk: Buffer) => {
    output += chunk.toString()
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  /** Signals the app's whole process group; false once no process of it is left (ESRCH). */
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal)
      return true
    } catch {
      return false
    }
  }
  let stopping: Promise<void> | undefined
  // Stopping twice (a test stops the app, its afterAll again) waits for the first stop.
  const stop = () =>
    (stopping ??= (async () => {
      // A child ended by a signal has a null exitCode and a signalCode.
      const running = child.exitCode === null && child.signalCode === null
      if (running && child.pid) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        if (signalGroup('SIGTERM')) {
          await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000).unref())])
        }
        // npm ends by the signal it passes on, maybe before the server it ran: clear the whole group.
        signalGroup('SIGKILL')
      }
      if (!sharedDataDir) {
        fs.rmSync(dataDir, { recursive: true, force: true })
      }
    })())
  const readyText = script === 'start' ? 'Signoff is running' : 'Signoff worker running'
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no start within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    )
    const check = () => {
      if (output.includes(readyText)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the server exited (${code}) before it was ready:\n${output}`))
    })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop,
    dataDir,
    processGroup: child.pid as number,
  }
}
