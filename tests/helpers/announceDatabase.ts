/** Says, once per run, which database the integration tests use. */
export default function announceDatabase(): void {
  const uri = process.env.TEST_DATABASE_URI
  if (uri && /^mongodb(\+srv)?:\/\//.test(uri)) {
    console.log(
      `\nDatabase under test: MongoDB (TEST_DATABASE_URI); each test file gets its own database.\n`,
    )
  } else {
    console.log(
      '\nDatabase under test: SQLite only (a temporary file per test file). Set TEST_DATABASE_URI=mongodb://… to run the suite against MongoDB.\n',
    )
  }
}
