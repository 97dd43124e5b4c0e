import type { CollectionBeforeValidateHook } from 'payload'

import { RequestError } from '@/shared/RequestError'

const PASSWORD_MIN_LENGTH = 12

/** Passwords need at least PASSWORD_MIN_LENGTH characters, whoever sets them. */
export const requireLongPassword: CollectionBeforeValidateHook = ({ data }) => {
  const password: unknown = data?.password
  if (typeof password === 'string' && password.length < PASSWORD_MIN_LENGTH) {
    throw new RequestError(`Passwords need at least ${PASSWORD_MIN_LENGTH} characters.`)
  }
  return data
}
