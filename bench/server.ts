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

/**
 * Bytes a process has had read from the storage device (`read_bytes` in /proc/<pid>/io): what it
 * read that the operating system's page cache no longer held. Null where there is no such file.
 */
const diskReadBytes = (pid: number): number | null => {
  try {
    const io = fs.readFileSync(`/proc/${pid}/io`, 'utf8')
    const bytes = /^read_bytes:\s+(\d+)$/m.exec(io)?.[1]
    return bytes === undefined ? null : Number(bytes)
  } catch {
    return null
  }
}

const DAMON = '/sys/kernel/mm/damon/admin/kdamonds'

/**
 * The kernel's proactive reclaim, when it runs one (DAMON with a `pageout` scheme): it takes pages
 * whose memory has looked unread for a while out of the page cache, so a database bigger than what
 * is read often enough comes back from the disk while it is loaded. As a sentence for the results,
 * "the kernel pages out memory unread for 60 s (DAMON)"; null when there is none or it cannot be
 * read (its files are root's). `root` is sysfs's kdamonds directory.
 */
export const proactiveReclaim = (root = DAMON): string | null => {
  const read = (file: string) => fs.readFileSync(file, 'utf8').trim()
  // sysfs numbers each kdamond, context and scheme: 0, 1, …
  const numbered = (dir: string) => fs.readdirSync(dir).filter((name) => /^\d+$/.test(name))
  try {
    for (const kdamond of numbered(root)) {
      if (read(`${root}/${kdamond}/state`) !== 'on') {
        continue
      }
      const contexts = `${root}/${kdamond}/contexts`
      for (const context of numbered(contexts)) {
        const aggregateUs = Number(
          read(`${contexts}/${context}/monitoring_attrs/intervals/aggr_us`),
        )
        const schemes = `${contexts}/${context}/schemes`
        for (const scheme of numbered(schemes)) {
          if (read(`${schemes}/${scheme}/action`) !== 'pageout') {
            continue
          }
          const minAge = Number(read(`${schemes}/${scheme}/access_pattern/age/min`))
          const seconds = Math.round((minAge * aggregateUs) / 1e6)
          return `the kernel pages out memory unread for ${seconds} s (DAMON)`
        }
      }
    }
  } catch {
    // No DAMON, or not ours to read.
  }
  return null
}

/** Linux's clock ticks a second (`getconf CLK_TCK`), the unit of /proc's CPU times. */
const TICKS_PER_SECOND = 100

/**
 * CPU seconds each of a process's threads has used, summed by thread name: `main` for the event
 * loop's thread, `other` for the rest named `node` (under Node 20 every other thread is: libuv's
 * pool, V8's collector helpers, the render thread), and the names threads give themselves where
 * they do. Read from /proc: empty where there is none. A thread that ends between two readings
 * takes its time with it.
 */
const threadCpuSeconds = (pid: number): Map<string, number> => {
  const byName = new Map<string, number>()
  let tids: string[]
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`)
  } catch {
    return byName
  }
  for (const tid of tids) {
    let stat: string
    try {
      stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
    } catch {
      // It ended after the listing.
      continue
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
    const name = tid === String(pid) ? 'main' : comm === 'node' ? 'other' : comm
    // After the name: state is field 3, utime and stime fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
    byName.set(name, (byName.get(name) ?? 0) + seconds)
  }
  return byName
}

/**
 * The cores a process used between two readings of `threadCpuSeconds`, `seconds` apart, with its
 * three busiest thread groups: "1.42 cores (main 0.95, other 0.47)".
 * Null when there was nothing to read.
 */
const coresSentence = ({
  before,
  after,
  seconds,
}: {
  before: Map<string, number>
  after: Map<string, number>
  seconds: number
}): string | null => {
  if (after.size === 0 || seconds <= 0) {
    return null
  }
  const used = [...after].map(
    ([name, cpu]) => [name, Math.max(0, cpu - (before.get(name) ?? 0)) / seconds] as const,
  )
  const total = used.reduce((sum, [, cores]) => sum + cores, 0)
  const busiest = used
    .filter(([, cores]) => cores >= 0.01)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, cores]) => `${name} ${cores.toFixed(2)}`)
  return `${total.toFixed(2)} cores (${busiest.join(', ')})`
}

/** What a process had used when read: CPU seconds by thread group, bytes read from the disk. */
export type ProcessUse = {
  pid: number
  at: number
  cpu: Map<string, number>
  readBytes: number | null
}

export const processUse = (pid: number): ProcessUse => ({
  pid,
  at: performance.now(),
  cpu: threadCpuSeconds(pid),
  readBytes: diskReadBytes(pid),
})

/**
 * What the process used since `before` was read: "1.42 cores (main 0.95, other 0.47), 12.5 MB
 * read from disk" (the reads where /proc has them). Null when there was nothing to read.
 */
export const usedSince = (before: ProcessUse): string | null => {
  const after = processUse(before.pid)
  const cores = coresSentence({
    before: before.cpu,
    after: after.cpu,
    seconds: (after.at - before.at) / 1000,
  })
  if (cores === null) {
    return null
  }
  return before.readBytes === null || after.readBytes === null
    ? cores
    : `${cores}, ${((after.readBytes - before.readBytes) / 1024 ** 2).toFixed(1)} MB read from disk`
}
