'use client'
import { useFormFields } from '@payloadcms/ui'
import React from 'react'

import { credentialsProblem } from '@/workflow/credentials'

/** On a reviewer's profile: a visible warning once their credential check has lapsed. */
export const CredentialsWarning = () => {
  const until = useFormFields(([fields]) => fields.credentialsVerifiedUntil?.value) as
    string | undefined
  const problem = credentialsProblem({ verifiedUntil: until, now: new Date() })
  if (!problem) {
    return null
  }
  return (
    <p
      role="alert"
      className="signoff-credentials-warning"
      style={{ color: '#991b1b', fontWeight: 600 }}
    >
      {`This reviewer's ${problem}: they cannot approve articles until an editor renews the check.`}
    </p>
  )
}
