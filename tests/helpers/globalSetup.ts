import { ensureBuild } from '../../src/cli/ensureBuild'

/**
 * Once per run: say which database the tests use, and build the admin once (when it is missing or
 * stale) before the http and e2e tests start the app, so no two of them build at the same time.
 */
export default function globalSetup(globalConfig: { selectProjects?: string[] }): void {
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
  const selected = globalConfig.selectProjects
  if (!selected || selected.some((project) => project === 'http' || project === 'e2e')) {
    ensureBuild()
  }
}
