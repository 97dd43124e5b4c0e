import type { User } from '@payload-types'

export type Role = NonNullable<User['roles']>[number]

/** True when the user holds any of the roles. */
export const hasRole = (
  user: { roles?: User['roles'] } | null | undefined,
  ...roles: Role[]
): boolean => Boolean(user?.roles?.some((role) => roles.includes(role)))
