import type { GlobalConfig } from 'payload'

import { anyone } from '@access/anyone'
import { isAdminField } from '@access/isAdmin'
import { isEditor } from '@access/isEditor'
import { DEFAULT_ATTESTATION } from '@/workflow/attestation'
import { hasText, isWebUrl } from '@/evidence/sources'

/** Who publishes, and the sourcing policy shown beside every article. */
export const Publisher: GlobalConfig = {
  slug: 'publisher',
  admin: { group: 'Evidence' },
  access: { read: anyone, update: isEditor, readVersions: isEditor },
  fields: [
    { name: 'name', type: 'text', admin: { description: 'e.g. "BookPhysio.com".' } },
    {
      name: 'logoUrl',
      type: 'text',
      maxLength: 2000,
      validate: (value: unknown) =>
        !hasText(value) || isWebUrl(value) || 'The logo URL must start with https:// or http://.',
      admin: {
        description:
          "The publisher's logo (https://…, at least 112 px wide); search engines show it with articles.",
      },
    },
    {
      name: 'sourcingPolicy',
      type: 'textarea',
      admin: {
        description: 'What kinds of sources the publication relies on; shown with each article.',
      },
    },
    { name: 'editorialPolicyUrl', type: 'text' },
    {
      name: 'fundingStatement',
      type: 'textarea',
      maxLength: 5000,
      admin: {
        description:
          'Who owns and funds the publication, and whether any content is sponsored; shown with each article.',
      },
    },
    {
      name: 'advertisingPolicy',
      type: 'textarea',
      maxLength: 5000,
      admin: {
        description:
          'Whether the site carries advertising, and how it is kept apart from editorial content; shown with each article.',
      },
    },
    {
      name: 'attestation',
      type: 'textarea',
      defaultValue: DEFAULT_ATTESTATION,
      access: { update: isAdminField },
      admin: {
        description:
          'What a medical reviewer confirms by approving; shown beside Approve and kept in each approval record.',
      },
    },
  ],
}
