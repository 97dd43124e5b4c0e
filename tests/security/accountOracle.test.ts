/**
 * No account oracle: whether an e-mail address has an account cannot be told from a failed login's
 * time, from the answer to a locked account, or from the error of an e-mail change.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'account-oracle-password'
let t: TestPayload

beforeAll(async () => {
  t = await startTestPayload()
  await t.seedDemo(PASSWORD)
}, 60_000)

afterAll(async () => {
  await t?.close()
})

const restLogin = async (email: string, password: string) => {
  const started = performance.now()
  const res = await t.rest('/users/login', { method: 'POST', json: { email, password } })
  return { ms: performance.now() - started, status: res.status, body: await res.json() }
}

const graphqlLogin = async (email: string, password: string) =>
  t.graphql(`mutation { loginUser(email: "${email}", password: "${password}") { token } }`)

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

describe('failed logins', () => {
  it('take as long for an unknown address as for an existing account', async () => {
    await t.addAccount({
      name: 'Timed',
      email: 'timed@example.com',
      password: PASSWORD,
      roles: ['writer'],
    })
    const known: number[] = []
    const unknown: number[] = []
    // Alternating, so load on the machine falls on both alike; the account locks after five.
    for (let i = 0; i < 7; i += 1) {
      known.push((await restLogin('timed@example.com', `wrong-password-${i}`)).ms)
      unknown.push((await restLogin(`nobody-${i}@example.com`, `wrong-password-${i}`)).ms)
    }
    // Before: about 150 ms against 10 (a password hash only for real accounts).
    const ratio = median(known) / median(unknown)
    expect(ratio).toBeGreaterThan(0.5)
    expect(ratio).toBeLessThan(2)
  })

  it('answer a locked account exactly as a wrong password, through REST and GraphQL', async () => {
    await t.addAccount({
      name: 'Locked',
      email: 'locked@example.com',
      password: PASSWORD,
      roles: ['writer'],
    })
    for (let i = 0; i < 5; i += 1) {
      await restLogin('locked@example.com', 'wrong-password-123')
    }
    const { docs } = await t.payload.find({
      collection: 'users',
      where: { email: { equals: 'locked@example.com' } },
      showHiddenFields: true,
    })
    expect(new Date(String(docs[0]?.lockUntil)).getTime()).toBeGreaterThan(Date.now())

    const lockedRight = await restLogin('locked@example.com', PASSWORD)
    const lockedWrong = await restLogin('locked@example.com', 'wrong-password-123')
    const unknown = await restLogin('nobody@example.com', PASSWORD)
    expect(lockedRight.status).toBe(401)
    expect(lockedRight.body).toEqual(unknown.body)
    expect(lockedWrong.body).toEqual(unknown.body)
    expect(JSON.stringify(lockedRight.body)).not.toMatch(/lock/i)

    const gqlLocked = await graphqlLogin('locked@example.com', PASSWORD)
    const gqlUnknown = await graphqlLogin('nobody@example.com', PASSWORD)
    const shape = (answer: typeof gqlLocked) =>
      (answer.errors ?? []).map((error) => ({
        message: error.message,
        extensions: (error as { extensions?: { name?: string; statusCode?: number } }).extensions,
      }))
    expect(shape(gqlLocked)).toHaveLength(1)
    expect(shape(gqlLocked)).toEqual(shape(gqlUnknown))
    expect(JSON.stringify(gqlLocked)).not.toMatch(/lock/i)
  })

  it('still lock the account: the right password is refused while it is locked', async () => {
    await t.addAccount({
      name: 'Held',
      email: 'held@example.com',
      password: PASSWORD,
      roles: ['writer'],
    })
    for (let i = 0; i < 5; i += 1) {
      expect((await restLogin('held@example.com', 'wrong-password-123')).status).toBe(401)
    }
    const answer = await restLogin('held@example.com', PASSWORD)
    expect(answer.status).toBe(401)
    expect(JSON.stringify(answer.body)).not.toMatch(/"token"/)
  })
})

describe('changing an e-mail address', () => {
  it('is for admins: nobody else learns that an address is taken', async () => {
    const writerToken = await t.logIn('writer@example.com', PASSWORD)
    const { user } = (await (await t.rest('/users/me', { token: writerToken })).json()) as {
      user: { id: number }
    }
    const change = (email: string, token: string) =>
      t.rest(`/users/${user.id}`, { method: 'PATCH', token, json: { email } })

    const taken = await change('editor@example.com', writerToken)
    const free = await change('free-address@example.com', writerToken)
    expect(taken.status).toBe(403)
    expect(free.status).toBe(403)
    const takenBody = await taken.json()
    expect(takenBody).toEqual(await free.json())
    expect(JSON.stringify(takenBody)).not.toMatch(/already|registered|in use/i)
    // The writer may still change their own name.
    const renamed = await t.rest(`/users/${user.id}`, {
      method: 'PATCH',
      token: writerToken,
      json: { name: 'Nikita M.' },
    })
    expect(renamed.status).toBe(200)

    const adminToken = await t.logIn('admin@example.com', PASSWORD)
    expect((await change('nikita@example.com', adminToken)).status).toBe(200)
  })
})
