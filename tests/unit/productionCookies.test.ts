import { expect, it } from '@jest/globals'

it('marks session cookies Secure (and keeps HttpOnly, SameSite=Lax) when NODE_ENV=production', async () => {
  // Each test file has its own module registry: the collection is read fresh with this environment.
  ;(process.env as Record<string, string>).NODE_ENV = 'production'
  const { Users } = await import('@collections/Users')
  const auth = Users.auth as { cookies?: { secure?: boolean; sameSite?: string } }
  expect(auth.cookies).toEqual({ sameSite: 'Lax', secure: true })
})
