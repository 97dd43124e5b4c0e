import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, expect, it } from '@jest/globals'

import { runBench } from '../../bench/harness'

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-bench-test-'))

afterAll(() => {
  fs.rmSync(outDir, { recursive: true, force: true })
})

it('runs the benchmark harness end to end on a tiny data set and writes the result files', async () => {
  const lines: string[] = []
  const result = await runBench({
    articles: 12,
    seconds: 1,
    warmupSeconds: 0,
    rounds: 1,
    connections: 4,
    outDir,
    log: (line) => lines.push(line),
  })
  const written = JSON.parse(fs.readFileSync(path.join(outDir, 'latest.json'), 'utf8'))
  expect(written).toEqual(result)
  expect(Object.keys(written).sort()).toEqual(
    ['articles', 'cases', 'coldStartMs', 'date', 'machine', 'rssMb', 'seedMs'].sort(),
  )
  expect(written.articles).toBe(12)
  expect(Object.keys(written.cases).sort()).toEqual(
    ['article', 'articleNotModified', 'listPage1', 'listPage400', 'payloadRest', 'static'].sort(),
  )
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
  const table = fs.readFileSync(path.join(outDir, 'latest.md'), 'utf8')
  expect(table).toContain('| article |')
  expect(table).toContain('| target | measured | |')
  expect(lines.some((line) => line.includes('seeded in'))).toBe(true)
}, 300_000)
