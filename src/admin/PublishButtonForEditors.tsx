'use client'
import { PublishButton, useAuth } from '@payloadcms/ui'
import React from 'react'

import type { User } from '@payload-types'
import { hasRole } from '@/shared/roles'

/** Payload's Publish button, for editors and admins only. The server refuses everyone else anyway. */
export const PublishButtonForEditors = () => {
  const { user } = useAuth<User>()
  return hasRole(user, 'editor', 'admin') ? <PublishButton /> : null
}
