import { describe, expect, it } from '@jest/globals'
import { APIError, NotFound } from 'payload'
import type { PayloadRequest } from 'payload'

import { logGraphqlErrors } from '@/shared/logGraphqlErrors'
import { refused } from '@/shared/RefusedError'

/**
 * The levels logGraphqlErrors used, with a logger that records them. Levels by name as Payload
 * has them for these errors (its defaults and payload.config.ts; tests/http/server.test.ts checks
 * the real server's log).
 */
const levelsFor = async (error: Error, graphqlResult: object | null = { message: 'x' }) => {
  const levels: string[] = []
  const record = (level: string) => () => levels.push(level)
  const payload = {
    config: { loggingLevels: { NotFound: 'info', RefusedError: 'info' } },
    logger: { info: record('info'), warn: record('warn'), error: record('error') },
  }
  await logGraphqlErrors({
    error,
    graphqlResult: (graphqlResult ?? undefined) as never,
    req: { payload } as unknown as PayloadRequest,
    context: {},
  })
  return levels
}

/** How graphql-js wraps what a resolver threw. */
const wrapped = (cause: Error) => Object.assign(new Error(cause.message), { originalError: cause })

describe('GraphQL errors in the log', () => {
  it('logs a fault at error level', async () => {
    expect(await levelsFor(wrapped(new APIError('Database gone', 500)))).toEqual(['error'])
    expect(await levelsFor(wrapped(new TypeError('undefined is not a function')))).toEqual([
      'error',
    ])
  })

  it('logs a refusal, a missing document and an error without a cause at info', async () => {
    const refusal = refused({
      code: 'NOT_ALLOWED_FROM_STAGE',
      message: 'Publishing is possible from approved.',
    })
    expect(await levelsFor(wrapped(refusal))).toEqual(['info'])
    expect(await levelsFor(wrapped(new NotFound()))).toEqual(['info'])
    expect(await levelsFor(new Error('Cannot query field "noSuchField"'))).toEqual(['info'])
  })

  it('leaves REST errors to Payload', async () => {
    expect(await levelsFor(new APIError('Database gone', 500), null)).toEqual([])
  })
})
