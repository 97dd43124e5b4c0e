import { APIError } from 'payload'
import type {
  CollectionBeforeChangeHook,
  CollectionBeforeValidateHook,
  CollectionConfig,
} from 'payload'

import { isAdmin, isAdminField } from '@access/isAdmin'
import { isAdminOrSelf, isEditorOrSelf } from '@access/isSelf'
import { equalTimeLogin } from '@/accounts/equalTimeLogin'
import { limitAuthAttempts } from '@/accounts/limitAttempts'
import { onlyAdminsChangeEmail } from '@/accounts/onlyAdminsChangeEmail'
import { resetPasswordEmailHtml, resetPasswordEmailSubject } from '@/accounts/resetPasswordEmail'
import { isProduction } from '@/config/env'
import { authLimitsFromEnv } from '@/config/limits'

export const PASSWORD_MIN_LENGTH = 12

const requireLongPassword: CollectionBeforeValidateHook = ({ data }) => {
  const password: unknown = data?.password
  if (typeof password === 'string' && password.length < PASSWORD_MIN_LENGTH) {
    throw new APIError(
      `Passwords need at least ${PASSWORD_MIN_LENGTH} characters.`,
      400,
      undefined,
      true,
    )
  }
  return data
}

/** The first account of a new installation runs it; nobody else can grant roles. */
const firstUserIsAdmin: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') {
    return data
  }
  const { totalDocs } = await req.payload.count({ collection: 'users', req })
  return totalDocs === 0 ? { ...data, roles: ['admin'] } : data
}

export const Users: CollectionConfig = {
  slug: 'users',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'email', 'roles'],
    group: 'People',
  },
  auth: {
    maxLoginAttempts: 5,
    lockTime: 10 * 60 * 1000,
    tokenExpiration: 8 * 60 * 60,
    cookies: {
      sameSite: 'Lax',
      secure: isProduction(),
    },
    forgotPassword: {
      expiration: 60 * 60 * 1000,
      // Payload's own per-account interval writes outside the operation's transaction, which made
      // the request wait on itself; limitAuthAttempts bounds reset mails instead.
      minRequestInterval: 0,
      generateEmailHTML: ({ token } = {}) => resetPasswordEmailHtml({ token }),
      generateEmailSubject: () => resetPasswordEmailSubject(),
    },
  },
  access: {
    admin: ({ req: { user } }) => Boolean(user),
    create: isAdmin,
    read: isEditorOrSelf,
    update: isAdminOrSelf,
    delete: isAdmin,
    readVersions: isAdmin,
    unlock: isAdmin,
  },
  hooks: {
    beforeOperation: [limitAuthAttempts(authLimitsFromEnv()), equalTimeLogin],
    beforeValidate: [requireLongPassword],
    beforeChange: [firstUserIsAdmin, onlyAdminsChangeEmail],
  },
  fields: [
    { name: 'name', type: 'text', required: true },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: ['writer'],
      saveToJWT: true,
      access: { create: isAdminField, update: isAdminField },
      options: [
        { label: 'Admin', value: 'admin' },
        { label: 'Editor', value: 'editor' },
        { label: 'Writer', value: 'writer' },
        { label: 'Medical reviewer', value: 'reviewer' },
      ],
    },
    {
      name: 'author',
      type: 'relationship',
      relationTo: 'authors',
      access: { create: isAdminField, update: isAdminField },
      admin: { description: 'The public author profile this person writes as.' },
    },
    {
      name: 'medicalReviewer',
      type: 'relationship',
      relationTo: 'medical-reviewers',
      access: { create: isAdminField, update: isAdminField },
      admin: { description: 'The medical reviewer profile this person reviews as.' },
    },
  ],
}
