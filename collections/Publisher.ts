import type { GlobalConfig } from 'payload'

import { anyone } from '@access/anyone'
import { isEditor } from '@access/isEditor'

/** Who publishes, and the sourcing policy shown beside every article. */
export const Publisher: GlobalConfig = {
  slug: 'publisher',
  admin: { group: 'Evidence' },
  access: { read: anyone, update: isEditor, readVersions: isEditor },
  fields: [
    { name: 'name', type: 'text', admin: { description: 'e.g. "BookPhysio.com".' } },
    {
      name: 'sourcingPolicy',
      type: 'textarea',
      admin: {
        description: 'What kinds of sources the publication relies on; shown with each article.',
      },
    },
    { name: 'editorialPolicyUrl', type: 'text' },
  ],
}
