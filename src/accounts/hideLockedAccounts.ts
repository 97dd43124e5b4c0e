import type { AfterErrorHook } from 'payload'

/**
 * GraphQL names the error class beside its message: a locked account's `LockedAuth` would still
 * say the account exists. It is reported as the wrong-password error it reads as.
 */
export const hideLockedAccounts: AfterErrorHook = ({ error, graphqlResult }) => {
  const original = (error as { originalError?: { name?: string } }).originalError ?? error
  if (original?.name !== 'LockedAuth' || !graphqlResult) {
    return
  }
  return {
    graphqlResult: {
      ...graphqlResult,
      extensions: { ...graphqlResult.extensions, name: 'AuthenticationError' },
    },
  }
}
