import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from '@jest/globals'

import { STALE_AFTER_MS, isStaleLock, withExclusiveLock } from '@/cli/buildLock'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-lock-'))

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

const holdLock = (lockDir: string) => {
  fs.mkdirSync(lockDir)
  fs.writeFileSync(
    path.join(lockDir, 'owner.json'),
    JSON.stringify({ pid: process.pid, host: os.hostname(), since: Date.now() }),
  )
}

describe('withExclusiveLock (the admin build lock)', () => {
  it('runs the work and leaves no lock behind, even when the work fails', async () => {
    const lockDir = path.join(dir, 'plain.lock')
    expect(await withExclusiveLock({ lockDir, work: async () => 42 })).toBe(42)
    expect(fs.existsSync(lockDir)).toBe(false)
    await expect(
      withExclusiveLock({
        lockDir,
        work: async () => {
          expect(fs.existsSync(lockDir)).toBe(true)
          throw new Error('build failed')
        },
      }),
    ).rejects.toThrow('build failed')
    expect(fs.existsSync(lockDir)).toBe(false)
  })

  it('waits while a live process holds the lock, saying so, then runs', async () => {
    const lockDir = path.join(dir, 'held.lock')
    holdLock(lockDir)
    // The holder finishes a moment later.
    setTimeout(() => fs.rmSync(lockDir, { recursive: true }), 300)
    const lines: string[] = []
    const ran = await withExclusiveLock({
      lockDir,
      work: () => 'built',
      log: (line) => lines.push(line),
      pollMs: 50,
    })
    expect(ran).toBe('built')
    expect(lines).toEqual([expect.stringMatching(/is building the admin; waiting/)])
  })

  it('gives up with a clear message after the timeout', async () => {
    const lockDir = path.join(dir, 'stuck.lock')
    holdLock(lockDir)
    await expect(
      withExclusiveLock({ lockDir, work: () => 1, log: () => {}, pollMs: 10, timeoutMs: 50 }),
    ).rejects.toThrow(/delete that folder and try again/)
    fs.rmSync(lockDir, { recursive: true })
  })

  it('takes over a lock whose process has died', async () => {
    const lockDir = path.join(dir, 'dead.lock')
    fs.mkdirSync(lockDir)
    fs.writeFileSync(
      path.join(lockDir, 'owner.json'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), since: Date.now() }),
    )
    const lines: string[] = []
    expect(await withExclusiveLock({ lockDir, work: () => 'ok', log: (l) => lines.push(l) })).toBe(
      'ok',
    )
    expect(lines[0]).toMatch(/stale build lock/)
  })
})

describe('isStaleLock', () => {
  const owner = { pid: 7, host: 'a', since: 1_000 }
  it('keeps a fresh lock of a live process or of another host, and a lock still being created', () => {
    expect(isStaleLock({ owner, lockAgeMs: 1_000, host: 'a', isAlive: () => true })).toBe(false)
    expect(isStaleLock({ owner, lockAgeMs: 1_000, host: 'b', isAlive: () => false })).toBe(false)
    expect(isStaleLock({ owner: null, lockAgeMs: 1_000, host: 'a', isAlive: () => true })).toBe(
      false,
    )
  })
  it('drops a lock whose process died, that never got an owner, or older than the stale limit', () => {
    expect(isStaleLock({ owner, lockAgeMs: 1_000, host: 'a', isAlive: () => false })).toBe(true)
    expect(isStaleLock({ owner: null, lockAgeMs: 60_000, host: 'a', isAlive: () => true })).toBe(
      true,
    )
    const old = STALE_AFTER_MS + 1
    expect(isStaleLock({ owner, lockAgeMs: old, host: 'b', isAlive: () => true })).toBe(true)
  })
})
