import { pbkdf2, randomBytes } from 'node:crypto'
import { promisify } from 'node:util'

import { AuthenticationError } from 'payload'
import type { CollectionBeforeOperationHook } from 'payload'

const derive = promisify(pbkdf2)

/** What Payload 3 spends checking a real password (pbkdf2-sha256, 600,000 rounds, 32 bytes). */
const hashLikeAPassword = async (password: string): Promise<void> => {
  await derive(password, randomBytes(32).toString('hex'), 600_000, 32, 'sha256')
}

/**
 * Payload answers a login for an unknown or locked account at once, and one for a real account
 * only after hashing the password: the delay told which e-mail addresses have accounts. Here
 * unknown and locked accounts cost the same hash, and get the same answer as a wrong password.
 */
export const equalTimeLogin: CollectionBeforeOperationHook = async ({
  args,
  operation,
  req,
  collection,
}) => {
  if (operation !== 'login') {
    return args
  }
  const { email, password } = (args.data ?? {}) as { email?: unknown; password?: unknown }
  if (
    typeof email !== 'string' ||
    !email.trim() ||
    typeof password !== 'string' ||
    !password.trim()
  ) {
    // Payload's own answer: which field is missing.
    return args
  }
  const user = (await req.payload.db.findOne({
    collection: collection.slug,
    where: { email: { equals: email.toLowerCase().trim() } },
    req,
  })) as { lockUntil?: string | null } | null
  const isLocked = Boolean(user?.lockUntil && new Date(user.lockUntil).getTime() > Date.now())
  if (!user || isLocked) {
    await hashLikeAPassword(password)
    throw new AuthenticationError(req.t)
  }
  return args
}
