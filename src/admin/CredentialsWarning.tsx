'use client'
import { useFormFields } from '@payloadcms/ui'
import React from 'react'

/** On a reviewer's profile: a visible warning once their credential check has lapsed. */
export const CredentialsWarning = () => {
  const until = useFormFields(([fields]) => fields.credentialsVerifiedUntil?.value) as
    string | undefined
  const isExpired = !until || new Date(until).getTime() < new Date().setUTCHours(0, 0, 0, 0)
  if (!isExpired) {
    return null
  }
  return (
    <p
      role="alert"
      className="signoff-credentials-warning"
      style={{ color: '#991b1b', fontWeight: 600 }}
    >
      {until
        ? `Credentials verified until ${until.slice(0, 10)}: expired. This reviewer cannot approve articles until the check is renewed.`
        : 'Credentials not verified yet: this reviewer cannot approve articles.'}
    </p>
  )
}
