/**
 * One login limit for every door, on the real server (Next routes the admin's and the API's
 * requests): percent-encoded paths, GraphQL aliases and made-up X-Forwarded-For addresses all count
 * against the address the server saw.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { startApp } from '../helpers/startApp'
import type { RunningApp } from '../helpers/startApp'

let app: RunningApp

beforeAll(async () => {
  // One proxy in front: it appends the address it saw to X-Forwarded-For, and only that counts.
  app = await startApp({ env: { TRUST_PROXY: '1', RATE_LIMIT_LOGIN_PER_MINUTE: '10' } })
}, 300_000)

afterAll(async () => {
  await app?.stop()
})

const post = async ({
  path,
  body,
  forwardedFor,
}: {
  path: string
  body: unknown
  forwardedFor: string
}) => {
  const res = await fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify(body),
  })
  return { status: res.status, headers: res.headers, text: await res.text() }
}

/** Each test guesses at its own account: five wrong passwords lock one. */
const guess = (
  path: string,
  forwardedFor: string,
  { email = 'editor@example.com', password = 'not-the-password' } = {},
) => post({ path, body: { email, password }, forwardedFor })

describe('the login limit', () => {
  it('counts a percent-encoded login path with the plain one, then answers 429 with Retry-After', async () => {
    const client = '198.51.100.1'
    const statuses: number[] = []
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await guess('/api/users/login', client)).status)
    }
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await guess('/api/users/%6cogin', client)).status)
    }
    const limited = await guess('/api/users/%6Cogin', client, { password: 'signoff-demo' })
    expect(statuses.filter((status) => status === 429)).toEqual([])
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.text).toMatch(/Too many login attempts/)
    expect(limited.text).not.toMatch(/"token"/)
    // The right password from the same address is refused too until the minute is over.
    expect((await guess('/api/users/login', client, { password: 'signoff-demo' })).status).toBe(429)
  })

  it('counts every aliased guess in one GraphQL request', async () => {
    const aliases = Array.from(
      { length: 20 },
      (_, i) => `g${i}: loginUser(email: "admin@example.com", password: "guess-${i}") { token }`,
    ).join('\n')
    const res = await post({
      path: '/api/graphql',
      body: { query: `mutation { ${aliases} }` },
      forwardedFor: '198.51.100.2',
    })
    const { errors } = JSON.parse(res.text) as { errors: { message: string }[] }
    const limited = errors.filter((error) => /Too many login attempts/.test(error.message))
    expect(errors).toHaveLength(20)
    expect(limited).toHaveLength(10)
    expect(res.text).not.toMatch(/"token":"/)
  })

  it('believes only the address the trusted proxy appended, not one the client wrote first', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 12; i += 1) {
      const forwardedFor = `10.9.8.${i}, 198.51.100.3`
      statuses.push(
        (await guess('/api/users/login', forwardedFor, { email: 'writer@example.com' })).status,
      )
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true)
    expect(statuses.slice(10)).toEqual([429, 429])
  })

  it('leaves other clients alone', async () => {
    const res = await guess('/api/users/login', '198.51.100.4', {
      email: 'reviewer@example.com',
      password: 'signoff-demo',
    })
    expect({ status: res.status, text: res.status === 200 ? '' : res.text }).toEqual({
      status: 200,
      text: '',
    })
  })
})
