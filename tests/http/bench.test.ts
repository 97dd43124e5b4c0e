import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, expect, it } from '@jest/globals'

import { SCALE_CASES } from '../../bench/cases'
import { runBench } from '../../bench/harness'

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-bench-test-'))

afterAll(() => {
  fs.rmSync(outDir, { recursive: true, force: true })
})

// What a scale run left in the results folder before this full run.
const EARLIER_SCALE = {
  date: '2026-12-01T17:45:00.000Z',
  articles: 100_000,
  articleRps: 3000,
  articleP99Ms: 60,
  staticRps: 2000,
  staticP99Ms: 55,
  rssMb: 480,
  seedMs: 1_500_000,
  coldStartMs: 1900,
}

it('runs the benchmark harness end to end on a tiny data set and writes the result files', async () => {
  fs.writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify({ scale: EARLIER_SCALE }))
  const lines: string[] = []
  const result = await runBench({
    articles: 12,
    seconds: 1,
    warmupSeconds: 0,
    rounds: 1,
    connections: 4,
    decisions: 3,
    outDir,
    log: (line) => lines.push(line),
  })
  const written = JSON.parse(fs.readFileSync(path.join(outDir, 'latest.json'), 'utf8'))
  expect(written).toEqual(result)
  const table = fs.readFileSync(path.join(outDir, 'latest.md'), 'utf8')
  expect(Object.keys(written).sort()).toEqual(
    [
      'adminReadyMs',
      'articles',
      'cases',
      'coldStartMs',
      'date',
      'decisionMs',
      'during',
      'firstPass',
      'firstPassBr',
      'machine',
      'rerenderMs',
      'rerenderWalMb',
      'rssMb',
      'rssRenderingMb',
      'scale',
      'seedMs',
    ].sort(),
  )
  // The last scale run's figures are kept beside the new full run, and checked against it.
  expect(written.scale).toEqual(EARLIER_SCALE)
  expect(written.articles).toBe(12)
  // Read while the render thread was up, and again once it had ended.
  expect(written.rssRenderingMb).toBeGreaterThan(0)
  expect(written.rssMb).toBeGreaterThan(0)
  // The admin prepares after /health answers: ready no sooner than the cold start.
  expect(written.adminReadyMs).toBeGreaterThanOrEqual(written.coldStartMs)
  expect(Object.keys(written.cases).sort()).toEqual(
    [
      'adminList',
      'article',
      'articleBr',
      'articleNotModified',
      'listPage1',
      'listPage400',
      'payloadRest',
      'static',
    ].sort(),
  )
  expect(Object.keys(written.decisionMs).sort()).toEqual(['p50', 'p99'])
  expect(written.decisionMs.p50).toBeGreaterThan(0)
  expect(written.rerenderMs).toBeGreaterThan(0)
  // The write-ahead log's largest size during the rerender, in the table too.
  expect(written.rerenderWalMb).toBeGreaterThanOrEqual(0)
  expect(table).toMatch(/write-ahead log at most \d+ MB/)
  expect(Object.keys(written.during).sort()).toEqual(['decisions', 'idle', 'rerender'])
  // The rerender's delivery tail is held to the same load's, alone just before.
  expect(written.during.idle.rps).toBeGreaterThan(0)
  expect(table).toContain('Delivery p99 during the rerender < 2× idle (the same load just before)')
  expect(table).toContain('| article, alone before the rerender |')
  // Every article read once before the rounds, each answered 200 (the run fails otherwise).
  expect(written.firstPass.rps).toBeGreaterThan(0)
  expect(table).toContain('every article read once')
  expect(lines.some((line) => line.includes('every article read once: '))).toBe(true)
  // Then once more in brotli, whose bodies the identity pass never read.
  expect(written.firstPassBr.rps).toBeGreaterThan(0)
  expect(table).toContain('then once in brotli')
  expect(lines.some((line) => line.includes('every article read once in br: '))).toBe(true)
  for (const measured of Object.values(written.cases) as {
    rps: number
    p50Ms: number
    p99Ms: number
  }[]) {
    expect(Object.keys(measured).sort()).toEqual(['p50Ms', 'p99Ms', 'rps'])
    expect(measured.rps).toBeGreaterThan(0)
  }
  expect(written.machine.cpus).toBeGreaterThan(0)
  expect(written.rssMb).toBeGreaterThan(0)
  expect(table).toContain('| article |')
  expect(table).toContain('| articleBr |')
  expect(table).toContain('Approve + publish p99 < 300 ms under delivery load')
  expect(table).toContain('| target | measured | |')
  expect(table).toContain('At 100000 articles (scale run of 2026-12-01 17:45 UTC)')
  expect(table).toContain('At 100,000: seeding < 10 min')
  expect(lines.some((line) => line.includes('seeded in'))).toBe(true)
}, 300_000)

it('runs a scale run beside a reference seeded in the same run, and checks it against that reference', async () => {
  // The full run above left its results in outDir: a scale run needs them.
  const before = JSON.parse(fs.readFileSync(path.join(outDir, 'latest.json'), 'utf8'))
  expect(before.cases.adminList).toBeDefined()
  const lines: string[] = []
  const result = await runBench({
    articles: 10,
    fullRunArticles: 6,
    seconds: 1,
    warmupSeconds: 0,
    rounds: 2,
    connections: 4,
    outDir,
    log: (line) => lines.push(line),
  })
  const written = JSON.parse(fs.readFileSync(path.join(outDir, 'latest.json'), 'utf8'))
  expect(written).toEqual(result)
  // The full run's figures stay; the scale run is kept beside them.
  expect(written.cases).toEqual(before.cases)
  expect(written.scale.articles).toBe(10)
  expect(written.scale.articleRps).toBeGreaterThan(0)
  expect(written.scale.coldStartMs).toBeGreaterThan(0)
  expect(written.scale.reference).toEqual({
    articles: 6,
    articleRps: expect.any(Number),
    articleP99Ms: expect.any(Number),
    staticRps: expect.any(Number),
    staticP99Ms: expect.any(Number),
    coldStartMs: expect.any(Number),
  })
  expect(written.scale.reference.articleRps).toBeGreaterThan(0)
  expect(written.scale.reference.staticRps).toBeGreaterThan(0)
  expect(written.scale.firstPassBr.rps).toBeGreaterThan(0)
  // Both servers seeded, each started three times (the median kept), and each case loaded on both
  // in turn: the reference first in the first round, last in the second.
  expect(lines.filter((line) => /^ {2}seeded in [\d.]+ s$/.test(line))).toHaveLength(2)
  expect(
    lines.filter((line) => /Server up \(.*median of \d+, \d+, \d+ ms/.test(line)),
  ).toHaveLength(2)
  const rounds = lines.filter((line) => /round \d\/2 (reference|scale) /.test(line))
  expect(rounds.map((line) => /round (\d)\/2 (\w+) (\w+)/.exec(line)?.slice(1).join(' '))).toEqual(
    [1, 2].flatMap((round) =>
      SCALE_CASES.flatMap((name) =>
        (round === 1 ? ['reference', 'scale'] : ['scale', 'reference']).map(
          (side) => `${round} ${side} ${name}`,
        ),
      ),
    ),
  )
  // Each line says what the server used, on Linux: its cores, on which threads, and its reads
  // from the disk.
  if (fs.existsSync('/proc/self/task')) {
    const reads = fs.existsSync('/proc/self/io') ? ', \\d+\\.\\d MB read from disk' : ''
    for (const line of rounds) {
      expect(line).toMatch(
        new RegExp(`server \\d+\\.\\d\\d cores \\(.*\\bmain \\d+\\.\\d\\d.*\\)${reads}$`),
      )
    }
  }
  const table = fs.readFileSync(path.join(outDir, 'latest.md'), 'utf8')
  expect(table).toContain('At 10: article/static ≥ 0.9× the same run')
  // The same comparison without the static file, beside it.
  expect(table).toMatch(/\(\d+\.\d\d; the article alone \d+\.\d\d× the reference's\)/)
  expect(table).toContain("At 10: cold start within 1.2× of the same run's 6 one")
  expect(table).toContain('a server of 6 articles seeded in the same run')
}, 300_000)
