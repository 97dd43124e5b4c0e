import type { CollectionBeforeChangeHook } from 'payload'

import type { Article } from '@payload-types'
import { readabilityOf } from '@/readability/readability'

/** Every save that carries the body measures how hard it is to read; other saves keep the figures. */
export const measureReadability: CollectionBeforeChangeHook<Article> = ({ data }) =>
  'body' in data ? { ...data, readability: readabilityOf(data.body) } : data
