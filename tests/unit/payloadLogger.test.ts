import { describe, expect, it } from '@jest/globals'
import { APIError, ValidationError } from 'payload'

import { clientErrorsAtInfo, payloadLogger } from '@/shared/payloadLogger'

/** What the hook did with one call at `level` (pino's numbers: 50 error, 40 warn). */
const logged = (args: unknown[], level = 50) => {
  const calls: { how: string; args: unknown[] }[] = []
  const logger = { info: (...rest: unknown[]) => calls.push({ how: 'info', args: rest }) }
  const method = (...rest: unknown[]) => calls.push({ how: 'as asked', args: rest })
  clientErrorsAtInfo.call(logger as never, args as never, method as never, level)
  return calls
}

describe("the logger: a client's mistake is not a fault", () => {
  it('logs an error answered with a 4xx at info, with its message and no stack', () => {
    expect(logged([{ err: new APIError('Invalid JSON', 400) }])).toEqual([
      { how: 'info', args: [{ msg: 'Invalid JSON' }] },
    ])
    expect(logged([new APIError('Incorrect collection', 403)])).toEqual([
      { how: 'info', args: [{ msg: 'Incorrect collection' }] },
    ])
  })

  it('keeps a fault at error level with the error itself', () => {
    const fault = new APIError('Something broke')
    const plain = new Error('disk full')
    expect(logged([{ err: fault }])).toEqual([{ how: 'as asked', args: [{ err: fault }] }])
    expect(logged([{ err: plain }, 'while saving'])).toEqual([
      { how: 'as asked', args: [{ err: plain }, 'while saving'] },
    ])
    expect(logged(['plain message'])).toEqual([{ how: 'as asked', args: ['plain message'] }])
  })

  it('leaves other levels alone', () => {
    const mistake = new ValidationError({ errors: [{ message: 'x', path: 'title' }] })
    expect(logged([{ err: mistake }], 40)).toEqual([{ how: 'as asked', args: [{ err: mistake }] }])
  })

  it('uses JSON lines at LOG_LEVEL, and pretty lines without it, with the hook in both', () => {
    const json = payloadLogger('warn')
    expect(json).toEqual({ options: { level: 'warn', hooks: { logMethod: clientErrorsAtInfo } } })
    const pretty = payloadLogger(null)
    expect(pretty.options.hooks?.logMethod).toBe(clientErrorsAtInfo)
    expect(pretty.destination).toBeDefined()
  })
})
