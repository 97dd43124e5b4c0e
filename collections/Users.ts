import type { CollectionConfig } from 'payload'

import { isAdmin, isAdminField } from '@access/isAdmin'
import { isAdminOrSelf, isEditorOrSelf } from '@access/isSelf'
import { equalTimeLogin } from '@/accounts/equalTimeLogin'
import { firstUserIsAdmin } from '@/accounts/firstUserIsAdmin'
import { requireLongPassword } from '@/accounts/passwordRules'
import { limitAuthAttempts } from '@/accounts/limitAttempts'
import { onlyAdminsChangeEmail } from '@/accounts/onlyAdminsChangeEmail'
import { resetPasswordEmailHtml, resetPasswordEmailSubject } from '@/accounts/resetPasswordEmail'
import { isProduction } from '@/config/env'
import { notificationPreferences } from '@/notifications/preferences'
import { authLimitsFromEnv } from '@/config/limits'

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
    notificationPreferences,
  ],
}
