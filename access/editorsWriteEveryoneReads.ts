import type { CollectionConfig } from 'payload'

import { anyone } from './anyone'
import { isEditor } from './isEditor'

/** Public reference data (profiles, topics, disclaimers): anyone reads it, editors change it. */
export const editorsWriteEveryoneReads: CollectionConfig['access'] = {
  create: isEditor,
  read: anyone,
  update: isEditor,
  delete: isEditor,
  readVersions: isEditor,
  unlock: isEditor,
}
