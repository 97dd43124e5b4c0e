import type { Field, FieldAccess, PayloadRequest, Where } from 'payload'

import type { Article } from '@payload-types'
import { refused } from '@/shared/RefusedError'
import { CONTENT_FIELDS, contentFingerprint } from '@/workflow/fingerprint'

const IN_REVIEW_MESSAGE =
  'This article is in medical review: its content is what the reviewer is reading. Withdraw it from review to edit it.'

const isContentEdit = ({ stored, data }: { stored: Article; data: Partial<Article> }): boolean =>
  CONTENT_FIELDS.some((field) => field in data) &&
  contentFingerprint({ content: { ...stored, ...data }, evidence: null }) !==
    contentFingerprint({ content: stored, evidence: null })

/**
 * While an article is in review its content is frozen, through every door: a content edit (or a
 * version restore) is refused with 409 ARTICLE_IN_REVIEW before Payload touches anything.
 * `id` is the article's, or null for an update by query (then any article it reaches counts).
 */
export const refuseEditsInReview = async ({
  req,
  id,
  where,
  data,
  isRestore = false,
}: {
  req: PayloadRequest
  id: number | string | null
  where?: Where
  data: Partial<Article>
  isRestore?: boolean
}): Promise<void> => {
  if (!isRestore && !CONTENT_FIELDS.some((field) => field in data)) {
    return
  }
  const { docs } = await req.payload.find({
    collection: 'articles',
    where:
      id === null
        ? { and: [where ?? {}, { stage: { equals: 'in_review' } }] }
        : { id: { equals: id } },
    draft: true,
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const stored = docs[0]
  if (stored?.stage !== 'in_review') {
    return
  }
  if (isRestore || id === null || isContentEdit({ stored, data })) {
    throw refused({ code: 'ARTICLE_IN_REVIEW', message: IN_REVIEW_MESSAGE })
  }
}

/** The admin shows content read-only while the article is in review (the save is refused anyway). */
const editableOutsideReview: FieldAccess = ({ doc }) =>
  (doc as Partial<Article> | undefined)?.stage !== 'in_review'

/** The article's content fields (rows included), read-only in the admin while in review. */
export const freezeContentInReview = (fields: Field[]): Field[] =>
  fields.map((field): Field => {
    if (field.type === 'row') {
      return { ...field, fields: freezeContentInReview(field.fields) }
    }
    if (field.type === 'ui' || !('name' in field)) {
      return field
    }
    if (!(CONTENT_FIELDS as readonly string[]).includes(field.name)) {
      return field
    }
    const access = 'access' in field ? field.access : undefined
    return { ...field, access: { ...access, update: editableOutsideReview } } as Field
  })
