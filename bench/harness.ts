import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { freePort } from '../tests/helpers/startApp'
import { casePlans, runCases } from './cases'
import { writeResults } from './report'
import type { BenchResult } from './report'
import { seed } from './seed'
import { memoryMb, startServer, stopServer } from './server'

export type BenchOptions = {
  articles: number
  seconds: number
  warmupSeconds: number
  rounds: number
  connections: number
  outDir: string
  log?: (line: string) => void
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

  const server = await startServer({ env, port })
  const { serverPid, coldStartMs } = server
  log(`Server up (production mode) in ${coldStartMs} ms`)
  const base = `http://127.0.0.1:${port}`
  try {
    const plans = await casePlans({ base, slugs, staticDir: env.BENCH_STATIC_DIR })
    const cases = await runCases({
      base,
      plans,
      rounds: options.rounds,
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
      connections: options.connections,
      log,
    })
    const memory = memoryMb(serverPid)
    const result: BenchResult = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 1024 ** 3) },
      articles: options.articles,
      seedMs,
      coldStartMs,
      // The target is the server's RSS after the run; the peak is printed beside it.
      rssMb: memory.rss,
      cases,
    }
    writeResults({ result, peakRssMb: memory.peak, outDir: options.outDir, log })
    return result
  } finally {
    await stopServer(server)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
