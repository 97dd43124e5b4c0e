import fs from 'node:fs'
import path from 'node:path'

/** Set by the global setup: where test files leave what they tried, for the closing summary line. */
export const SUMMARY_DIR_VARIABLE = 'SIGNOFF_SECURITY_SUMMARY_DIR'

export type Tried = { what: string; count: number; unexpected: number }

/** Records that a test file tried `count` cases of one kind (`unexpected` of them went wrong). */
export const reportTried = (tried: Tried): void => {
  const dir = process.env[SUMMARY_DIR_VARIABLE]
  if (!dir || !fs.existsSync(dir)) {
    return
  }
  const file = path.join(dir, `${tried.what.replace(/[^a-z0-9]+/gi, '-')}-${process.pid}.json`)
  fs.writeFileSync(file, JSON.stringify(tried))
}

/** One line: "Security suite tried 2436 access-matrix cells, 70 bad inputs, …: all as expected." */
export const summaryLine = (dir: string): string | null => {
  const totals = new Map<string, Tried>()
  for (const name of fs.readdirSync(dir)) {
    const tried = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Tried
    const sum = totals.get(tried.what) ?? { what: tried.what, count: 0, unexpected: 0 }
    totals.set(tried.what, {
      what: tried.what,
      count: sum.count + tried.count,
      unexpected: sum.unexpected + tried.unexpected,
    })
  }
  if (totals.size === 0) {
    return null
  }
  const parts = [...totals.values()].map(({ what, count }) => `${count} ${what}`)
  const unexpected = [...totals.values()].reduce((n, tried) => n + tried.unexpected, 0)
  return `Security suite tried ${parts.join(', ')}: ${unexpected === 0 ? 'all as expected' : `${unexpected} NOT as expected`}.`
}
