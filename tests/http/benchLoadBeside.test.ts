import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, expect, it } from '@jest/globals'

import { loadBeside } from '../../bench/loadBeside'

// A stand-in for the delivery API: counts what it answers, and which slugs were asked for.
const asked = new Map<string, number>()
const server = http.createServer((req, res) => {
  asked.set(req.url ?? '', (asked.get(req.url ?? '') ?? 0) + 1)
  res.end('{}')
})
let base = ''

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

it('loads the article case from a process of its own until stopped, and reports what it measured', async () => {
  const running = await loadBeside({ base, slugs: ['one', 'two'], connections: 2 })
  await new Promise((resolve) => setTimeout(resolve, 1100))
  const result = await running.stop()
  const served = [...asked.values()].reduce((sum, n) => sum + n, 0)
  expect(served).toBeGreaterThan(10)
  expect([...asked.keys()].sort()).toEqual(['/content/v1/articles/one', '/content/v1/articles/two'])
  expect(result.rps).toBeGreaterThan(0)
  expect(result.errors).toBe(0)
  expect(typeof result.p99Ms).toBe('number')
  // Stopped means stopped: nothing more arrives.
  await new Promise((resolve) => setTimeout(resolve, 200))
  expect([...asked.values()].reduce((sum, n) => sum + n, 0)).toBe(served)
})
