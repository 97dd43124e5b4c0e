import type { CollectionBeforeChangeHook } from 'payload'

import type { Article } from '@payload-types'
import { enforceOnSave } from '@/workflow/service/enforceOnSave'

/** Payload's Publish, saves and version restores go through the workflow's rules. */
export const enforceEditorialWorkflow: CollectionBeforeChangeHook<Article> = ({
  data,
  originalDoc,
  operation,
  req,
  context,
}) => enforceOnSave({ data, originalDoc, operation, req, context })
