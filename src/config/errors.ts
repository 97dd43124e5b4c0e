/** A setting a person must fix; the message says what to do next. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}
