'use client'
import { PublishButton, useAuth } from '@payloadcms/ui'
import React from 'react'

/** Payload's Publish button, for editors and admins only. The server refuses everyone else anyway. */
export const PublishButtonForEditors = () => {
  const { user } = useAuth<{ roles?: string[] }>()
  const canPublish = Boolean(user?.roles?.some((role) => role === 'editor' || role === 'admin'))
  return canPublish ? <PublishButton /> : null
}
