import { logError } from 'payload'
import type { AfterErrorHook } from 'payload'

/**
 * GraphQL errors logged at the level their cause has over REST. Payload logs each one as a
 * `GraphQLError`, at error level whatever the cause: a refused publish, a query for an article
 * that does not exist or a list asked beyond its bounds paged whoever watches the log. With
 * `GraphQLError` silenced in `loggingLevels`, this logs the cause under its own name (a refusal or
 * a client's mistake at info, a fault at error with its stack). A query GraphQL cannot run (a field
 * that does not exist) is answered before it executes and never comes here; an error that comes
 * without a cause is logged at info with its message.
 */
export const logGraphqlErrors: AfterErrorHook = ({ error, graphqlResult, req }) => {
  if (!graphqlResult) {
    return
  }
  const cause = (error as { originalError?: unknown }).originalError
  if (cause instanceof Error) {
    logError({ err: cause, payload: req.payload })
  } else {
    req.payload.logger.info({ msg: error.message })
  }
}
