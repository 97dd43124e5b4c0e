import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { ensureBuild } from '@/cli/ensureBuild'

import { freePort } from '../tests/helpers/startApp'
import { CASES, SCALE_CASES, casePlans, median, readEveryArticle, runCases } from './cases'
import type { CaseName, CaseResult } from './cases'
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
import { memoryMb, renderThreadEnded, startServer, stopServer } from './server'

export type BenchOptions = {
  articles: number
  seconds: number
  warmupSeconds: number
  rounds: number
  connections: number
  outDir: string
  /** Decisions timed in the decision case (50 in a full run). */
  decisions?: number
  log?: (line: string) => void
}

/** A run at more than this many articles is a scale run, compared with the last full run. */
const FULL_RUN_ARTICLES = 10_000

/** The `q`-th quantile (0–1) of `values`, nearest rank. */
const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0
}

/**
 * `npm run bench`: seed, start the production server, load each case from this (separate) process
 * with autocannon, alternating cases over several rounds, and keep the medians; then the editors'
 * side with delivery load beside it. A run at more than 10,000 articles measures delivery only and
 * is kept as `scale` beside the last full run.
 */
export const runBench = async (options: BenchOptions): Promise<BenchResult> => {
  const log = options.log ?? console.log
  const isScale = options.articles > FULL_RUN_ARTICLES
  const base = isScale ? baseResult(options.outDir) : null
  if (isScale && !base) {
    throw new Error(
      `A run at ${options.articles} articles is compared with a full run: run \`npm run bench\` first (it writes ${path.join(options.outDir, 'latest.json')}).`,
    )
  }
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
  log(`Seeding ${options.articles} published articles into ${env.DATABASE_URI}…`)
  const { slugs, seedMs, password, seedArticleId } = await seed({
    env,
    count: options.articles,
    log,
  })
  log(`  seeded in ${(seedMs / 1000).toFixed(1)} s`)

  // The cold start is timed with the build present. A change to the code during the seed (minutes
  // at 100,000 articles) would have `npm start` rebuild the admin first: 21.6 s instead of 1.9 s.
  // ensureBuild does nothing when the build is current, and says what it rebuilds otherwise.
  await ensureBuild({ env: process.env })
  // The server runs its jobs as `npm start` does by default: the rerender is the read model's job.
  const server = await startServer({ env: { ...env, JOBS_AUTORUN: 'true' }, port })
  const { serverPid, coldStartMs, adminReadyMs } = server
  log(`Server up (production mode) in ${coldStartMs} ms, the admin ready at ${adminReadyMs} ms`)
  const url = `http://127.0.0.1:${port}`
  try {
    const api = restApi(url)
    const tokens = Object.fromEntries(
      await Promise.all(
        (['admin', 'editor', 'writer', 'reviewer'] as const).map(
          async (who) => [who, await logIn({ api, who, password })] as const,
        ),
      ),
    ) as Tokens
    // The cases measure renderings as stored: none may be waiting to be made again. (The jobs'
    // timers start with the first request Payload answers: the logins above.)
    await untilFresh({ databaseFile, timeoutMs: 60_000 })
    const firstPass = await readEveryArticle({
      base: url,
      slugs,
      connections: options.connections,
    })
    log(
      `  every article read once: ${firstPass.rps} req/s, p99 ${firstPass.p99Ms} ms${firstPass.non2xx ? `, ${firstPass.non2xx} not 200` : ''}`,
    )
    if (firstPass.non2xx > 0 || firstPass.errors > 0) {
      throw new Error(
        `reading every article once: ${firstPass.non2xx} answers not 200, ${firstPass.errors} errors`,
      )
    }
    const firstPassResult: CaseResult = {
      rps: firstPass.rps,
      p50Ms: firstPass.p50Ms,
      p99Ms: firstPass.p99Ms,
    }
    const plans = await casePlans({
      base: url,
      slugs,
      staticDir: env.BENCH_STATIC_DIR,
      editorToken: tokens.editor,
    })
    const cases = await runCases({
      base: url,
      plans,
      names: isScale ? SCALE_CASES : CASES,
      rounds: options.rounds,
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
      connections: options.connections,
      log,
    })
    const date = new Date().toISOString()
    if (isScale && base) {
      // As after a full run, once the render thread has ended: it runs the review-status job
      // after start, and read while it was up the figure moved by 80 MB between two runs.
      const ended = await renderThreadEnded({ url, timeoutMs: 60_000 })
      const memory = memoryMb(serverPid)
      log(`  render thread ${ended ? 'ended' : 'still up after 60 s'}; RSS ${memory.rss} MB`)
      const result: BenchResult = {
        ...base,
        scale: scaleResult({
          date,
          articles: options.articles,
          cases,
          rssMb: memory.rss,
          seedMs,
          coldStartMs,
          firstPass: firstPassResult,
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
    const rerender = await underLoad('rerender', () =>
      timeRerender({
        api,
        tokens,
        databaseFile,
        disclaimerTitle: BENCH_DISCLAIMER,
        timeoutMs: 30 * 60_000,
      }).then(Math.round),
    )
    log(`  rerender of every article ${(rerender.outcome / 1000).toFixed(1)} s`)
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
      machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 1024 ** 3) },
      articles: options.articles,
      seedMs,
      coldStartMs,
      adminReadyMs,
      firstPass: firstPassResult,
      // The issue's target is the server's RSS after the run; the peak is printed beside it.
      rssMb: memory.rss,
      rssRenderingMb: whileRendering,
      cases: cases as Record<CaseName, CaseResult>,
      decisionMs,
      rerenderMs: rerender.outcome,
      during: { decisions: decisions.during, rerender: rerender.during },
      // The last scale run's figures stay beside the new full run until the next scale run.
      scale: lastScale(options.outDir),
    }
    writeResults({ result, peakRssMb: memory.peak, outDir: options.outDir, log })
    return result
  } finally {
    await stopServer(server)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
