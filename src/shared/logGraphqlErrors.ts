import { logError } from 'payload'
import type { AfterErrorHook } from 'payload'

/**
 * GraphQL errors logged at the level their cause has over REST. Payload logs each one as a
 * `GraphQLError`, at error level whatever the cause: a refused publish, a query for an article
 * that does not exist or a list asked beyond its bounds paged whoever watches the log. With
 * `GraphQLError` silenced in `loggingLevels`, this logs the cause under its own name (a refusal or
 * a client's mistake at info, a fault at error with its stack). An error of GraphQL's own, with no
 * cause (a field that does not exist, a variable of the wrong type), is the query's: info.
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
