import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import autocannon from 'autocannon'

import { freePort } from '../tests/helpers/startApp'

export type CaseName =
  'static' | 'article' | 'articleNotModified' | 'listPage1' | 'listPage400' | 'payloadRest'
export type CaseResult = { rps: number; p50Ms: number; p99Ms: number }
export type BenchResult = {
  date: string
  machine: { cpus: number; memoryGb: number }
  articles: number
  seedMs: number
  coldStartMs: number
  rssMb: number
  cases: Record<CaseName, CaseResult>
}

export type BenchOptions = {
  articles: number
  seconds: number
  warmupSeconds: number
  rounds: number
  connections: number
  outDir: string
  log?: (line: string) => void
}

const CASES: CaseName[] = [
  'static',
  'article',
  'articleNotModified',
  'listPage1',
  'listPage400',
  'payloadRest',
]

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T

const progressBar = (done: number, total: number): string => {
  const width = 30
  const filled = Math.round((done / total) * width)
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`
}

/** Resident memory of a process now (VmRSS) and at its peak (VmHWM), in MB. */
const memoryMb = (pid: number): { rss: number; peak: number } => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const mb = (field: string) =>
    Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024)
  return { rss: mb('VmRSS'), peak: mb('VmHWM') }
}

/** Seeds a fresh SQLite database in this process, through the Local API, with a progress bar. */
const seed = async ({
  env,
  count,
  log,
}: {
  env: Record<string, string>
  count: number
  log: (l: string) => void
}) => {
  // Payload reads its settings from the environment; put this process's own back afterwards.
  const saved = { ...process.env }
  Object.assign(process.env, env)
  try {
    return await seedWithPayload({ count, log })
  } finally {
    for (const key of Object.keys(env)) {
      if (saved[key] === undefined) {
        delete process.env[key]
      } else {
        process.env[key] = saved[key]
      }
    }
  }
}

const seedWithPayload = async ({ count, log }: { count: number; log: (l: string) => void }) => {
  const { startPayload } = await import('@/server/start')
  const { seedBenchArticles } = await import('./seedArticles')
  const { payload } = await startPayload({ log: () => undefined })
  const started = Date.now()
  let last = 0
  const slugs = await seedBenchArticles({
    payload,
    count,
    onProgress: (done) => {
      if (process.stdout.isTTY) {
        process.stdout.write(`\r  seeding ${progressBar(done, count)}`)
      } else if (done - last >= count / 10 || done === count) {
        last = done
        log(`  seeding ${progressBar(done, count)}`)
      }
    },
  })
  const seedMs = Date.now() - started
  if (process.stdout.isTTY) {
    process.stdout.write('\n')
  }
  // Hand the server a database with an empty write-ahead log, as a restored backup would be.
  await (
    payload.db as unknown as { client: { execute: (sql: string) => Promise<unknown> } }
  ).client.execute('PRAGMA wal_checkpoint(TRUNCATE)')
  await payload.destroy()
  return { slugs, seedMs }
}

/** `npm start` runs the start script in a shell that `exec`s node: npm's one child is the server. */
const serverPidOf = (npmPid: number): number =>
  Number(fs.readFileSync(`/proc/${npmPid}/task/${npmPid}/children`, 'utf8').trim().split(/\s+/)[0])

/**
 * Starts the server as a user does, `npm start` (a build check, then the compiled server with its
 * node flags), and times process start → /health 200.
 */
const startServer = async ({ env, port }: { env: Record<string, string>; port: number }) => {
  const started = Date.now()
  const child = spawn('npm', ['start'], {
    env: { ...process.env, ...env, PORT: String(port), NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr.on('data', (c: Buffer) => (output += c.toString()))
  const deadline = started + 120_000
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited (${child.exitCode}):\n${output}`)
    }
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (res) => res.status === 200,
      () => false,
    )
    if (ok) {
      break
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`no /health within 120 s:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return { child, serverPid: serverPidOf(child.pid as number), coldStartMs: Date.now() - started }
}

const load = async ({
  base,
  paths,
  headers,
  seconds,
  connections,
}: {
  base: string
  paths: () => { path: string; headers?: Record<string, string> }
  headers?: Record<string, string>
  seconds: number
  connections: number
}): Promise<CaseResult & { non2xx: number; errors: number }> => {
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const next = paths()
          return { ...request, path: next.path, headers: { ...request.headers, ...next.headers } }
        },
      },
    ],
  })
  return {
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

/**
 * `npm run bench`: seed, start the production server, load each case from this (separate) process
 * with autocannon, alternating cases over several rounds, and keep the medians.
 */
export const runBench = async (options: BenchOptions): Promise<BenchResult> => {
  const log = options.log ?? console.log
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-bench-'))
  const port = await freePort()
  const env = {
    NODE_ENV: 'production',
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    DATABASE_URI: `file:${path.join(dataDir, 'bench.db')}`,
    DATABASE_PUSH: '',
    DATA_DIR: dataDir,
    SERVER_URL: `http://127.0.0.1:${port}`,
    JOBS_AUTORUN: 'false',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_DELIVERY_PER_MINUTE: '0',
    RATE_LIMIT_LOGIN_PER_MINUTE: '0',
    BENCH_STATIC_DIR: path.join(dataDir, 'static'),
  }
  log(`Seeding ${options.articles} published articles into ${env.DATABASE_URI}…`)
  const { slugs, seedMs } = await seed({ env, count: options.articles, log })
  log(`  seeded in ${(seedMs / 1000).toFixed(1)} s`)

  const { child, serverPid, coldStartMs } = await startServer({ env, port })
  log(`Server up (production mode) in ${coldStartMs} ms`)
  const base = `http://127.0.0.1:${port}`
  try {
    const sample = slugs[0] as string
    const sampleBody = await (await fetch(`${base}/content/v1/articles/${sample}`)).text()
    fs.mkdirSync(env.BENCH_STATIC_DIR, { recursive: true })
    fs.writeFileSync(path.join(env.BENCH_STATIC_DIR, 'article.json'), sampleBody)
    const etags = new Map<string, string>()
    for (const slug of slugs.slice(0, 500)) {
      const res = await fetch(`${base}/content/v1/articles/${slug}`)
      etags.set(slug, res.headers.get('etag') ?? '')
    }
    const tagged = [...etags.keys()]
    const { totalPages } = (await (await fetch(`${base}/content/v1/articles?page=1`)).json()) as {
      totalPages: number
    }
    const deepPage = Math.max(1, Math.min(400, totalPages))

    const plans: Record<CaseName, () => { path: string; headers?: Record<string, string> }> = {
      static: () => ({ path: '/bench-static/article.json' }),
      article: () => ({ path: `/content/v1/articles/${pick(slugs)}` }),
      articleNotModified: () => {
        const slug = pick(tagged)
        return {
          path: `/content/v1/articles/${slug}`,
          headers: { 'if-none-match': etags.get(slug) ?? '' },
        }
      },
      listPage1: () => ({ path: '/content/v1/articles?page=1' }),
      listPage400: () => ({ path: `/content/v1/articles?page=${deepPage}` }),
      payloadRest: () => ({ path: `/api/articles?where[slug][equals]=${pick(slugs)}&depth=2` }),
    }
    const runs: Record<CaseName, CaseResult[]> = {
      static: [],
      article: [],
      articleNotModified: [],
      listPage1: [],
      listPage400: [],
      payloadRest: [],
    }
    for (let round = 1; round <= options.rounds; round += 1) {
      for (const name of CASES) {
        if (options.warmupSeconds > 0) {
          await load({
            base,
            paths: plans[name],
            seconds: options.warmupSeconds,
            connections: options.connections,
          })
        }
        const result = await load({
          base,
          paths: plans[name],
          seconds: options.seconds,
          connections: options.connections,
        })
        runs[name].push(result)
        log(
          `  round ${round}/${options.rounds} ${name.padEnd(18)} ${String(result.rps).padStart(7)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms${result.errors ? `  errors ${result.errors}` : ''}`,
        )
      }
    }
    const cases = Object.fromEntries(
      CASES.map((name) => [
        name,
        {
          rps: median(runs[name].map((r) => r.rps)),
          p50Ms: median(runs[name].map((r) => r.p50Ms)),
          p99Ms: median(runs[name].map((r) => r.p99Ms)),
        },
      ]),
    ) as Record<CaseName, CaseResult>
    const memory = memoryMb(serverPid)
    const result: BenchResult = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 1024 ** 3) },
      articles: options.articles,
      seedMs,
      coldStartMs,
      // The issue's target is the server's RSS after the run; the peak is printed beside it.
      rssMb: memory.rss,
      cases,
    }
    writeResults({ result, peakRssMb: memory.peak, outDir: options.outDir, log })
    return result
  } finally {
    // npm passes SIGTERM on to the server; whatever is still there half a second later is killed.
    child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 500))
    for (const pid of [serverPid, child.pid as number]) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // ESRCH: it has exited.
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

const TARGETS = (r: BenchResult) =>
  [
    [
      'Article by slug ≥ 1.0× static file req/s',
      r.cases.article.rps >= r.cases.static.rps,
      `${(r.cases.article.rps / r.cases.static.rps).toFixed(2)}×`,
    ],
    [
      'Article by slug ≥ 10× Payload REST depth 2',
      r.cases.article.rps >= 10 * r.cases.payloadRest.rps,
      `${(r.cases.article.rps / r.cases.payloadRest.rps).toFixed(1)}×`,
    ],
    ['Article by slug p99 < 25 ms', r.cases.article.p99Ms < 25, `${r.cases.article.p99Ms} ms`],
    [
      'List page 400 p50 within 2× of page 1',
      r.cases.listPage400.p50Ms <= 2 * Math.max(r.cases.listPage1.p50Ms, 1),
      `${r.cases.listPage400.p50Ms} vs ${r.cases.listPage1.p50Ms} ms`,
    ],
    ['Cold start < 4 s', r.coldStartMs < 4000, `${(r.coldStartMs / 1000).toFixed(1)} s`],
    [
      `Seeding ${r.articles} articles < 90 s (target at 10,000)`,
      r.seedMs < 90_000,
      `${(r.seedMs / 1000).toFixed(1)} s`,
    ],
    ['Server RSS after the run < 500 MB', r.rssMb < 500, `${r.rssMb} MB`],
  ] as const

export const resultTable = ({
  result: r,
  peakRssMb,
}: {
  result: BenchResult
  peakRssMb: number
}): string => {
  const base = r.cases.static.rps || 1
  const rows = CASES.map(
    (name) =>
      `| ${name} | ${r.cases[name].rps} | ${r.cases[name].p50Ms} | ${r.cases[name].p99Ms} | ${(r.cases[name].rps / base).toFixed(2)}× |`,
  )
  const targets = TARGETS(r).map(
    ([label, met, value]) => `| ${label} | ${value} | ${met ? 'met' : '**missed**'} |`,
  )
  return [
    `Signoff delivery benchmark, ${r.date.slice(0, 10)}: ${r.articles} articles, ${r.machine.cpus} cores, ${r.machine.memoryGb} GB.`,
    '',
    '| case | req/s | p50 ms | p99 ms | vs static |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `Seeding ${(r.seedMs / 1000).toFixed(1)} s, cold start ${r.coldStartMs} ms, server RSS after the run ${r.rssMb} MB (peak ${peakRssMb} MB).`,
    '',
    '| target | measured | |',
    '| --- | --- | --- |',
    ...targets,
  ].join('\n')
}

const writeResults = ({
  result,
  peakRssMb,
  outDir,
  log,
}: {
  result: BenchResult
  peakRssMb: number
  outDir: string
  log: (l: string) => void
}) => {
  fs.mkdirSync(outDir, { recursive: true })
  fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`)
  const table = resultTable({ result, peakRssMb })
  fs.writeFileSync(path.join(outDir, 'latest.md'), `${table}\n`)
  log(`\n${table}\n\nWritten to ${path.join(outDir, 'latest.json')} and latest.md.`)
}
