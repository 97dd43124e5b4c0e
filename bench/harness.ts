import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { ensureBuild } from '@/cli/ensureBuild'

import { freePort } from '../tests/helpers/startApp'
import { CASES, SCALE_CASES, casePlans, median, readEveryArticle, runCasesBeside } from './cases'
import type { CaseName, CaseResult, Side } from './cases'
import {
  articlesInReview,
  logIn,
  restApi,
  timeDecisions,
  timeRerender,
  untilFresh,
} from './editors'
import type { Tokens } from './editors'
import { loadBeside } from './loadBeside'
import { baseResult, lastScale, scaleResult, writeResults } from './report'
import type { BenchResult } from './report'
import { seed } from './seed'
import { BENCH_DISCLAIMER } from './seedArticles'
import { memoryMb, proactiveReclaim, renderThreadEnded, startServer, stopServer } from './server'
import type { RunningServer } from './server'

export type BenchOptions = {
  articles: number
  seconds: number
  warmupSeconds: number
  rounds: number
  connections: number
  outDir: string
  /** Decisions timed in the decision case (50 in a full run). */
  decisions?: number
  /**
   * A full run's articles (10,000): a run at more is a scale run, measured beside a server of
   * this many articles seeded in the same run.
   */
  fullRunArticles?: number
  log?: (line: string) => void
}

/** A run at more than this many articles is a scale run, compared with the last full run. */
export const FULL_RUN_ARTICLES = 10_000

/** The `q`-th quantile (0–1) of `values`, nearest rank. */
const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0
}

/** A server of the run before it starts: its data, its port and its settings, seeded. */
type Prepared = {
  label: string
  dataDir: string
  port: number
  databaseFile: string
  env: Record<string, string>
  slugs: string[]
  seedMs: number
  password: string
  seedArticleId: number
}

/** A fresh data folder and free port, seeded with `count` published articles. */
const prepare = async ({
  label,
  count,
  log,
}: {
  label: string
  count: number
  log: (line: string) => void
}): Promise<Prepared> => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-bench-'))
  const port = await freePort()
  const databaseFile = path.join(dataDir, 'bench.db')
  const env = {
    NODE_ENV: 'production',
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    DATABASE_URI: `file:${databaseFile}`,
    DATABASE_PUSH: '',
    DATA_DIR: dataDir,
    SERVER_URL: `http://127.0.0.1:${port}`,
    JOBS_AUTORUN: 'false',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_DELIVERY_PER_MINUTE: '0',
    RATE_LIMIT_LOGIN_PER_MINUTE: '0',
    BENCH_STATIC_DIR: path.join(dataDir, 'static'),
  }
  log(`Seeding ${count} published articles (${label}) into ${env.DATABASE_URI}…`)
  try {
    const seeded = await seed({ env, count, log })
    log(`  seeded in ${(seeded.seedMs / 1000).toFixed(1)} s`)
    return { label, dataDir, port, databaseFile, env, ...seeded }
  } catch (error) {
    // Not handed back, so the run's cleanup would not know this folder.
    fs.rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
}

/** Cold starts timed per server: process start → /health 200, and until the admin answers. */
type Started = { server: RunningServer; coldStartMs: number; adminReadyMs: number; all: number[] }

/** Starts timed for each server, the median kept: one start moved by 0.3 s between runs. */
const COLD_STARTS = 3

/**
 * Starts each server `COLD_STARTS` times, in turns, stopping all but the last start: the medians
 * of the cold start and of the admin's readiness. The servers run their jobs as `npm start` does
 * by default: the rerender is the read model's job.
 */
const startInTurns = async (prepared: Prepared[]): Promise<Started[]> => {
  const times = prepared.map(() => ({ cold: [] as number[], admin: [] as number[] }))
  const running: RunningServer[] = []
  try {
    for (let start = 1; start <= COLD_STARTS; start += 1) {
      for (const [i, { env, port }] of prepared.entries()) {
        const server = await startServer({ env: { ...env, JOBS_AUTORUN: 'true' }, port })
        times[i]?.cold.push(server.coldStartMs)
        times[i]?.admin.push(server.adminReadyMs)
        if (start < COLD_STARTS) {
          await stopServer(server)
        } else {
          running.push(server)
        }
      }
    }
  } catch (error) {
    await Promise.all(running.map(stopServer))
    throw error
  }
  return running.map((server, i) => ({
    server,
    coldStartMs: median(times[i]?.cold ?? []),
    adminReadyMs: median(times[i]?.admin ?? []),
    all: times[i]?.cold ?? [],
  }))
}

/** A server up and ready for the cases: its editors logged in, every article read once. */
type Ready = Prepared &
  Started & {
    url: string
    api: ReturnType<typeof restApi>
    tokens: Tokens
    firstPass: CaseResult
    firstPassBr: CaseResult
  }

const makeReady = async ({
  prepared,
  started,
  connections,
  log,
}: {
  prepared: Prepared
  started: Started
  connections: number
  log: (line: string) => void
}): Promise<Ready> => {
  const url = `http://127.0.0.1:${prepared.port}`
  const api = restApi(url)
  const tokens = Object.fromEntries(
    await Promise.all(
      (['admin', 'editor', 'writer', 'reviewer'] as const).map(
        async (who) => [who, await logIn({ api, who, password: prepared.password })] as const,
      ),
    ),
  ) as Tokens
  // The cases measure renderings as stored: none may be waiting to be made again. (The jobs'
  // timers start with the first request Payload answers: the logins above.)
  await untilFresh({ databaseFile: prepared.databaseFile, timeoutMs: 60_000 })
  const readOnce = async (encoding?: 'br') => {
    const pass = await readEveryArticle({ base: url, slugs: prepared.slugs, connections, encoding })
    const what = encoding ? `every article read once in ${encoding}` : 'every article read once'
    log(
      `  ${prepared.label}: ${what}: ${pass.rps} req/s, p99 ${pass.p99Ms} ms${pass.non2xx ? `, ${pass.non2xx} not 200` : ''}`,
    )
    if (pass.non2xx > 0 || pass.errors > 0) {
      throw new Error(`${what}: ${pass.non2xx} answers not 200, ${pass.errors} errors`)
    }
    return { rps: pass.rps, p50Ms: pass.p50Ms, p99Ms: pass.p99Ms }
  }
  const firstPass = await readOnce()
  const firstPassBr = await readOnce('br')
  return {
    ...prepared,
    ...started,
    url,
    api,
    tokens,
    firstPass,
    firstPassBr,
  }
}

/**
 * `npm run bench`: seed, start the production server, load each case from this (separate) process
 * with autocannon, alternating cases over several rounds, and keep the medians; then the editors'
 * side with delivery load beside it. A run at more than 10,000 articles (`fullRunArticles`)
 * measures delivery only, against a server of 10,000 articles seeded and loaded in the same run,
 * in turns with it, and is kept as `scale` beside the last full run.
 */
export const runBench = async (options: BenchOptions): Promise<BenchResult> => {
  const log = options.log ?? console.log
  const fullRunArticles = options.fullRunArticles ?? FULL_RUN_ARTICLES
  const isScale = options.articles > fullRunArticles
  const base = isScale ? baseResult(options.outDir) : null
  if (isScale && !base) {
    throw new Error(
      `A run at ${options.articles} articles is compared with a full run: run \`npm run bench\` first (it writes ${path.join(options.outDir, 'latest.json')}).`,
    )
  }
  const reclaim = proactiveReclaim()
  if (reclaim) {
    log(
      `On this host ${reclaim}: a library bigger than what is read often enough comes back from the disk while it is loaded (each round says how much).`,
    )
  }
  const prepared: Prepared[] = []
  let started: Started[] = []
  try {
    // The reference first: its seed is short, and the scale run's own is the one timed.
    if (isScale) {
      prepared.push(await prepare({ label: 'reference', count: fullRunArticles, log }))
    }
    prepared.push(
      await prepare({ label: isScale ? 'scale' : 'full run', count: options.articles, log }),
    )
    // The cold start is timed with the build present. A change to the code during the seed
    // (minutes at 100,000 articles) would have `npm start` rebuild the admin first: 21.6 s
    // instead of 1.9 s. ensureBuild does nothing when the build is current, and says what it
    // rebuilds otherwise.
    await ensureBuild({ env: process.env })
    started = await startInTurns(prepared)
    for (const [i, { coldStartMs, adminReadyMs, all }] of started.entries()) {
      log(
        `Server up (${prepared[i]?.label}, production mode) in ${coldStartMs} ms (median of ${all.join(', ')} ms), the admin ready at ${adminReadyMs} ms`,
      )
    }
    const ready: Ready[] = []
    for (const [i, one] of prepared.entries()) {
      ready.push(
        await makeReady({
          prepared: one,
          started: started[i] as Started,
          connections: options.connections,
          log,
        }),
      )
    }
    const sides: Side[] = await Promise.all(
      ready.map(async (one) => ({
        label: one.label,
        base: one.url,
        pid: one.server.serverPid,
        plans: await casePlans({
          base: one.url,
          slugs: one.slugs,
          staticDir: one.env.BENCH_STATIC_DIR as string,
          editorToken: one.tokens.editor,
        }),
      })),
    )
    const measured = await runCasesBeside({
      sides,
      names: isScale ? SCALE_CASES : CASES,
      rounds: options.rounds,
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
      connections: options.connections,
      log,
    })
    const main = ready[ready.length - 1] as Ready
    const cases = measured[main.label] ?? {}
    const { url, api, tokens, databaseFile, slugs, seedMs, seedArticleId } = main
    const { serverPid } = main.server
    const date = new Date().toISOString()
    if (isScale && base) {
      // As after a full run, once the render thread has ended: it runs the review-status job
      // after start, and read while it was up the figure moved by 80 MB between two runs.
      const ended = await renderThreadEnded({ url, timeoutMs: 60_000 })
      const memory = memoryMb(serverPid)
      log(`  render thread ${ended ? 'ended' : 'still up after 60 s'}; RSS ${memory.rss} MB`)
      const reference = ready[0] as Ready
      const result: BenchResult = {
        ...base,
        scale: scaleResult({
          date,
          articles: options.articles,
          cases,
          rssMb: memory.rss,
          seedMs,
          coldStartMs: main.coldStartMs,
          firstPass: main.firstPass,
          firstPassBr: main.firstPassBr,
          reclaim,
          reference: {
            articles: fullRunArticles,
            cases: measured[reference.label] ?? {},
            coldStartMs: reference.coldStartMs,
          },
        }),
      }
      writeResults({ result, outDir: options.outDir, log })
      return result
    }
    // The load runs in a process of its own, so the editors' client here times Signoff, not
    // autocannon's turns on this event loop.
    const underLoad = async <T>(what: string, work: () => Promise<T>) => {
      const running = await loadBeside({ base: url, slugs, connections: options.connections })
      let outcome: T
      try {
        outcome = await work()
      } catch (error) {
        await running.stop().catch(() => undefined)
        throw error
      }
      const during = await running.stop()
      log(
        `  ${what.padEnd(26)} article under load ${during.rps} req/s  p50 ${during.p50Ms} ms  p99 ${during.p99Ms} ms`,
      )
      return { during: { rps: during.rps, p50Ms: during.p50Ms, p99Ms: during.p99Ms }, outcome }
    }
    const decisionCount = options.decisions ?? 50
    log(`Editors: ${decisionCount} articles written and submitted for the decision case…`)
    const ids = await articlesInReview({ api, tokens, seedArticleId, count: decisionCount })
    const decisions = await underLoad('decisions', () =>
      timeDecisions({ api, tokens, ids }).then((ms) => ms.map(Math.round)),
    )
    const decisionMs = {
      p50: median(decisions.outcome),
      p99: quantile(decisions.outcome, 0.99),
    }
    log(`  approve + publish p50 ${decisionMs.p50} ms, p99 ${decisionMs.p99} ms`)
    // The idle tail the rerender's is held to, measured as that one is: the same load, from its
    // own process, on the same server, just before. The article case's p99 comes from autocannon
    // in this process, over shorter rounds: full runs held 22 and 25 ms to its 12, where the same
    // load alone read 16–20 (performance docs, history 2026-12-06).
    // Two rounds' time: 20 s by default.
    const idle = await underLoad(
      'idle, before the rerender',
      () => new Promise((resolve) => setTimeout(resolve, 2 * options.seconds * 1000)),
    )
    const rerender = await underLoad('rerender', () =>
      timeRerender({
        api,
        tokens,
        databaseFile,
        disclaimerTitle: BENCH_DISCLAIMER,
        timeoutMs: 30 * 60_000,
      }),
    )
    const rerenderMs = Math.round(rerender.outcome.ms)
    log(
      `  rerender of every article ${(rerenderMs / 1000).toFixed(1)} s, write-ahead log at most ${rerender.outcome.walMb} MB`,
    )
    // The render thread holds its Payload and heap until it has been idle a few seconds: the RSS
    // after the run is read once it has ended, and the one beside its work is kept too.
    const whileRendering = memoryMb(serverPid).rss
    const ended = await renderThreadEnded({ url, timeoutMs: 60_000 })
    log(
      `  render thread ${ended ? 'ended' : 'still up after 60 s'}; RSS ${whileRendering} MB before`,
    )
    const memory = memoryMb(serverPid)
    const result: BenchResult = {
      date,
      machine: {
        cpus: os.cpus().length,
        memoryGb: Math.round(os.totalmem() / 1024 ** 3),
        ...(reclaim ? { reclaim } : {}),
      },
      articles: options.articles,
      seedMs,
      coldStartMs: main.coldStartMs,
      adminReadyMs: main.adminReadyMs,
      firstPass: main.firstPass,
      firstPassBr: main.firstPassBr,
      // The issue's target is the server's RSS after the run; the peak is printed beside it.
      rssMb: memory.rss,
      rssRenderingMb: whileRendering,
      cases: cases as Record<CaseName, CaseResult>,
      decisionMs,
      rerenderMs,
      rerenderWalMb: rerender.outcome.walMb,
      during: { decisions: decisions.during, idle: idle.during, rerender: rerender.during },
      // The last scale run's figures stay beside the new full run until the next scale run.
      scale: lastScale(options.outDir),
    }
    writeResults({ result, peakRssMb: memory.peak, outDir: options.outDir, log })
    return result
  } finally {
    await Promise.all(started.map(({ server }) => stopServer(server)))
    for (const { dataDir } of prepared) {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
