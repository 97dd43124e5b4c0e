import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'

/** Resident memory of a process now (VmRSS) and at its peak (VmHWM), in MB. */
export const memoryMb = (pid: number): { rss: number; peak: number } => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const mb = (field: string) =>
    Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024)
  return { rss: mb('VmRSS'), peak: mb('VmHWM') }
}

/** `npm start` runs the start script in a shell that `exec`s node: npm's one child is the server. */
const serverPidOf = (npmPid: number): number =>
  Number(fs.readFileSync(`/proc/${npmPid}/task/${npmPid}/children`, 'utf8').trim().split(/\s+/)[0])

export type RunningServer = {
  child: ChildProcess
  serverPid: number
  coldStartMs: number
  /** Process start until the admin's login page answers too (Next prepares after /health). */
  adminReadyMs: number
}

/**
 * Starts the server as a user does, `npm start` (a build check, then the compiled server with its
 * node flags), and times process start → /health 200.
 */
export const startServer = async ({
  env,
  port,
}: {
  env: Record<string, string>
  port: number
}): Promise<RunningServer> => {
  const started = Date.now()
  const child = spawn('npm', ['start'], {
    env: { ...process.env, ...env, PORT: String(port), NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr.on('data', (c: Buffer) => (output += c.toString()))
  const deadline = started + 120_000
  /** Polls `path` every 25 ms until it answers 200; the time since the start, then. */
  const answered = async (path: string): Promise<number> => {
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`the server exited (${child.exitCode}):\n${output}`)
      }
      const ok = await fetch(`http://127.0.0.1:${port}${path}`).then(
        (res) => res.status === 200,
        () => false,
      )
      if (ok) {
        return Date.now() - started
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL')
        throw new Error(`no ${path} within 120 s:\n${output}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
  const coldStartMs = await answered('/health')
  const adminReadyMs = await answered('/admin/login')
  return {
    child,
    serverPid: serverPidOf(child.pid as number),
    coldStartMs,
    adminReadyMs,
  }
}

/** npm passes SIGTERM on to the server; whatever is still there half a second later is killed. */
export const stopServer = async ({ child, serverPid }: RunningServer): Promise<void> => {
  child.kill('SIGTERM')
  await new Promise((resolve) => setTimeout(resolve, 500))
  for (const pid of [serverPid, child.pid as number]) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // ESRCH: it has exited.
    }
  }
}

/**
 * Waits until the server's render thread, started for a rerender, has ended (it does a few seconds
 * after its last work): `/health` says `idle`, `ended` or `off`. False if it is still up at the end.
 */
export const renderThreadEnded = async ({
  url,
  timeoutMs,
}: {
  url: string
  timeoutMs: number
}): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const health = (await (await fetch(`${url}/health`)).json()) as { renderThread?: string }
    if (!['starting', 'running'].includes(health.renderThread ?? 'off')) {
      return true
    }
    if (Date.now() > deadline) {
      return false
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
