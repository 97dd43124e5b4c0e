import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from '@jest/globals'

import { STALE_AFTER_MS, hasOwnerDied, withExclusiveLock } from '@/cli/buildLock'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-lock-'))

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

type HoldOptions = { lockDir: string; pid?: number; host?: string }

const holdLock = ({ lockDir, pid = process.pid, host = os.hostname() }: HoldOptions) => {
  fs.mkdirSync(lockDir)
  fs.writeFileSync(
    path.join(lockDir, 'owner.json'),
    JSON.stringify({ pid, host, since: Date.now() }),
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
    holdLock({ lockDir })
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
    holdLock({ lockDir })
    await expect(
      withExclusiveLock({ lockDir, work: () => 1, log: () => {}, pollMs: 10, timeoutMs: 50 }),
    ).rejects.toThrow(/delete that folder and try again/)
    fs.rmSync(lockDir, { recursive: true })
  })

  it('takes over a lock whose process has died', async () => {
    const lockDir = path.join(dir, 'dead.lock')
    holdLock({ lockDir, pid: 2 ** 22 + 12345 })
    const lines: string[] = []
    expect(await withExclusiveLock({ lockDir, work: () => 'ok', log: (l) => lines.push(l) })).toBe(
      'ok',
    )
    expect(lines[0]).toMatch(/stale build lock/)
  })

  it('takes over a lock untouched for longer than the stale limit, whoever holds it', async () => {
    const lockDir = path.join(dir, 'old.lock')
    holdLock({ lockDir, host: 'another-host' })
    const longAgo = (Date.now() - STALE_AFTER_MS - 60_000) / 1000
    fs.utimesSync(lockDir, longAgo, longAgo)
    expect(await withExclusiveLock({ lockDir, work: () => 'ok', log: () => {} })).toBe('ok')
    expect(fs.existsSync(lockDir)).toBe(false)
  })

  it('leaves the lock of a live process on another host alone', async () => {
    const lockDir = path.join(dir, 'remote.lock')
    holdLock({ lockDir, pid: 2 ** 22 + 12345, host: 'another-host' })
    await expect(
      withExclusiveLock({ lockDir, work: () => 1, log: () => {}, pollMs: 10, timeoutMs: 50 }),
    ).rejects.toThrow(/waited/i)
    fs.rmSync(lockDir, { recursive: true })
  })
})

describe('hasOwnerDied', () => {
  const owner = { pid: 7, host: 'a', since: 1_000 }
  it('keeps the lock of a live process, of another host, and one still being created', () => {
    expect(hasOwnerDied({ owner, host: 'a', isAlive: () => true })).toBe(false)
    expect(hasOwnerDied({ owner, host: 'b', isAlive: () => false })).toBe(false)
    expect(hasOwnerDied({ owner: null, host: 'a', isAlive: () => false })).toBe(false)
  })
  it('drops the lock of a process on this host that died', () => {
    expect(hasOwnerDied({ owner, host: 'a', isAlive: () => false })).toBe(true)
  })
})
