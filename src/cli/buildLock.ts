import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export type LockOwner = { pid: number; host: string; since: number }

/** A lock older than this is left over from a build that hung; `next build` takes about a minute. */
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

/** A process writes its owner file right after creating the lock; one that did not has crashed. */
const OWNERLESS_GRACE_MS = 10_000

/** Whether a lock can be taken over: its owner died (same host), never wrote itself, or is far too old. */
export const isStaleLock = ({
  owner,
  lockAgeMs,
  host,
  isAlive,
}: {
  owner: LockOwner | null
  lockAgeMs: number
  host: string
  isAlive: (pid: number) => boolean
}): boolean => {
  if (lockAgeMs > STALE_AFTER_MS) {
    return true
  }
  if (!owner) {
    return lockAgeMs > OWNERLESS_GRACE_MS
  }
  return owner.host === host && !isAlive(owner.pid)
}

const lockAgeMs = (lockDir: string): number => {
  try {
    return Date.now() - fs.statSync(lockDir).mtimeMs
  } catch {
    return 0
  }
}

const readOwner = (lockDir: string): LockOwner | null => {
  try {
    return JSON.parse(fs.readFileSync(path.join(lockDir, 'owner.json'), 'utf8')) as LockOwner
  } catch {
    // Just created by another process that has not written its owner file yet.
    return null
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const tryAcquire = (lockDir: string): boolean => {
  try {
    fs.mkdirSync(lockDir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return false
    }
    throw error
  }
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: Date.now() }
  fs.writeFileSync(path.join(lockDir, 'owner.json'), JSON.stringify(owner))
  return true
}

/**
 * Runs `work` while holding `lockDir` (mkdir is atomic, so one process at a time across the
 * machine). Waits for another holder, saying so once; takes over a lock whose owner died.
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
  while (!tryAcquire(lockDir)) {
    const owner = readOwner(lockDir)
    const age = lockAgeMs(lockDir)
    if (isStaleLock({ owner, lockAgeMs: age, host: os.hostname(), isAlive: isProcessAlive })) {
      log(
        `Removing a stale build lock (${owner ? `process ${owner.pid}` : 'no owner'}, ${lockDir}).`,
      )
      fs.rmSync(lockDir, { recursive: true, force: true })
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
  try {
    return await work()
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true })
  }
}
