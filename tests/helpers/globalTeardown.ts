import fs from 'node:fs'

import { SUMMARY_DIR_VARIABLE, summaryLine } from './securitySummary'

/** Prints what the security tests tried, in one line, once every test file has finished. */
export default function globalTeardown(): void {
  const dir = process.env[SUMMARY_DIR_VARIABLE]
  if (!dir || !fs.existsSync(dir)) {
    return
  }
  const line = summaryLine(dir)
  if (line) {
    console.log(`\n${line}\n`)
  }
  fs.rmSync(dir, { recursive: true, force: true })
}
