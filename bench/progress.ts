/** `1m 05s`, `12s`: short enough for one line. */
export const duration = (ms: number): string => {
  const seconds = Math.max(0, Math.round(ms / 1000))
  const minutes = Math.floor(seconds / 60)
  return minutes > 0 ? `${minutes}m ${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`
}

/** `[#####.....] 500/1000  48/s  ETA 10s`: the work done, its rate so far and what that leaves. */
export const progressLine = ({
  done,
  total,
  elapsedMs,
  width = 30,
}: {
  done: number
  total: number
  elapsedMs: number
  width?: number
}): string => {
  const filled = total > 0 ? Math.round((done / total) * width) : width
  const perSecond = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0
  const eta = perSecond > 0 ? duration(((total - done) / perSecond) * 1000) : '?'
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}  ${Math.round(perSecond)}/s  ${done >= total ? `done in ${duration(elapsedMs)}` : `ETA ${eta}`}`
}

/**
 * Progress on stderr: one line redrawn in place on a terminal; otherwise (a log, CI) a plain line
 * every `everyMs` and at the end, so a long seed shows it is alive without flooding the log.
 */
export const progressReporter = ({
  label,
  total,
  stream = process.stderr,
  everyMs = 15_000,
  now = () => Date.now(),
}: {
  label: string
  total: number
  stream?: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>
  everyMs?: number
  now?: () => number
}) => {
  const started = now()
  let lastLine = started
  return (done: number): void => {
    const at = now()
    const line = `  ${label} ${progressLine({ done, total, elapsedMs: at - started })}`
    if (stream.isTTY) {
      stream.write(`\r${line}${done >= total ? '\n' : ''}`)
    } else if (done >= total || at - lastLine >= everyMs) {
      lastLine = at
      stream.write(`${line}\n`)
    }
  }
}
