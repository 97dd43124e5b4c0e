import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import lockfile from 'proper-lockfile'

type LockOwner = { pid: number; host: string; since: number }

/**
 * A lock untouched for this long is left over from a build that hung. proper-lockfile refreshes
 * the lock's mtime on a timer, which `next build` (run with spawnSync) blocks for about a minute.
 */
export const STALE_AFTER_MS = 20 * 60 * 1000

const isProcessAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Whether the lock's owner, on this host, has died: a killed build cannot release its lock. */
export const hasOwnerDied = ({
  owner,
  host,
  isAlive,
}: {
  owner: LockOwner | null
  host: string
  isAlive: (pid: number) => boolean
}): boolean => Boolean(owner && owner.host === host && !isAlive(owner.pid))

const ownerFile = (lockDir: string) => path.join(lockDir, 'owner.json')

const readOwner = (lockDir: string): LockOwner | null => {
  try {
    return JSON.parse(fs.readFileSync(ownerFile(lockDir), 'utf8')) as LockOwner
  } catch {
    // Just created by another process that has not written its owner file yet.
    return null
  }
}

// The owner file sits inside the lock, so proper-lockfile's rmdir (release, stale, exit) empties it.
const lockFs = {
  ...fs,
  rmdir: (dir: string, callback: (error: Error | null) => void) =>
    fs.rm(dir, { recursive: true, force: true }, callback),
  rmdirSync: (dir: string) => fs.rmSync(dir, { recursive: true, force: true }),
}

const isLocked = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ELOCKED'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `work` while holding `lockDir` (proper-lockfile: an atomic mkdir, so one process at a time
 * across the machine). Waits for another holder, saying so once; takes over a lock whose owner died.
 */
export const withExclusiveLock = async <T>({
  lockDir,
  work,
  log = console.log,
  pollMs = 500,
  timeoutMs = STALE_AFTER_MS,
}: {
  lockDir: string
  work: () => Promise<T> | T
  log?: (line: string) => void
  pollMs?: number
  timeoutMs?: number
}): Promise<T> => {
  const started = Date.now()
  let hasSaidWaiting = false
  let release: (() => Promise<void>) | undefined
  while (!release) {
    try {
      release = await lockfile.lock(lockDir, {
        lockfilePath: lockDir,
        realpath: false,
        stale: STALE_AFTER_MS,
        fs: lockFs,
        onCompromised: (error) =>
          log(`The build lock was taken over while building (${error.message}, ${lockDir}).`),
      })
    } catch (error) {
      if (!isLocked(error)) {
        throw error
      }
      const owner = readOwner(lockDir)
      // Polled by hand because proper-lockfile's retries cannot ask whether the owner still lives.
      if (hasOwnerDied({ owner, host: os.hostname(), isAlive: isProcessAlive })) {
        log(`Removing a stale build lock (process ${owner?.pid}, ${lockDir}).`)
        lockFs.rmdirSync(lockDir)
        continue
      }
      if (Date.now() - started > timeoutMs) {
        throw new Error(
          `Waited ${Math.round(timeoutMs / 1000)} s for another admin build (${lockDir}). ` +
            'If no build is running, delete that folder and try again.',
        )
      }
      if (!hasSaidWaiting) {
        hasSaidWaiting = true
        log(
          `Another process${owner ? ` (pid ${owner.pid})` : ''} is building the admin; waiting for it to finish…`,
        )
      }
      await sleep(pollMs)
    }
  }
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: Date.now() }
  fs.writeFileSync(ownerFile(lockDir), JSON.stringify(owner))
  try {
    return await work()
  } finally {
    // Rejects only when the lock was already taken over, which onCompromised has reported.
    await release().catch(() => undefined)
  }
}
