import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { ensureBuild } from '../../src/cli/ensureBuild'
import { SUMMARY_DIR_VARIABLE } from './securitySummary'

/**
 * Once per run: say which database the tests use, and build the admin and the server once (when
 * missing or stale) before the http and e2e tests start the app, so no two of them build at once.
 */
/** The projects named after --selectProjects, or null for all (Jest does not pass them to setup). */
const selectedProjects = (argv: readonly string[]): string[] | null => {
  const at = argv.findIndex(
    (arg) => arg === '--selectProjects' || arg.startsWith('--selectProjects='),
  )
  if (at < 0) {
    return null
  }
  const inline = argv[at]?.split('=')[1]
  if (inline) {
    return inline.split(',')
  }
  const names: string[] = []
  for (const arg of argv.slice(at + 1)) {
    if (arg.startsWith('-')) {
      break
    }
    names.push(arg)
  }
  return names
}

export default async function globalSetup(): Promise<void> {
  const uri = process.env.TEST_DATABASE_URI
  if (uri && /^mongodb(\+srv)?:\/\//.test(uri)) {
    console.log(
      '\nDatabase under test: MongoDB (TEST_DATABASE_URI); each test file gets its own database.\n',
    )
  } else {
    console.log(
      '\nDatabase under test: SQLite only (a temporary file per test file). Set TEST_DATABASE_URI=mongodb://… to run the suite against MongoDB.\n',
    )
  }
  // Test files (in workers that inherit this environment) leave counts here for the teardown's line.
  process.env[SUMMARY_DIR_VARIABLE] = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-summary-'))
  const selected = selectedProjects(process.argv)
  if (!selected || selected.some((project) => project === 'http' || project === 'e2e')) {
    await ensureBuild({ env: process.env })
  }
}
