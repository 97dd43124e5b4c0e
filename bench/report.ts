import fs from 'node:fs'
import path from 'node:path'

import { CASES } from './cases'
import type { CaseName, CaseResult } from './cases'

export type BenchResult = {
  date: string
  machine: { cpus: number; memoryGb: number }
  articles: number
  seedMs: number
  coldStartMs: number
  rssMb: number
  cases: Record<CaseName, CaseResult>
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

export const writeResults = ({
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
