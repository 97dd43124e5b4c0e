import type { Field } from 'payload'

import { MAX_SLUG_LENGTH as MAX_LENGTH, SLUG_PATTERN, slugify } from '@/shared/slugs'

/** A unique slug, generated from `from` when left empty, editable, and checked for shape. */
export const slugField = ({ from = 'title' }: { from?: string } = {}): Field => ({
  name: 'slug',
  type: 'text',
  unique: true,
  index: true,
  maxLength: MAX_LENGTH,
  admin: {
    position: 'sidebar',
    description: `Part of the public URL. Generated from the ${from} when left empty.`,
  },
  hooks: {
    beforeValidate: [
      ({ value, siblingData }) => {
        if (typeof value === 'string' && value.trim()) {
          // Nothing left after slugifying ("💥"): keep it, so validation names the problem.
          return slugify(value) || value
        }
        const source = siblingData?.[from]
        if (typeof source !== 'string') {
          return value
        }
        // A title with no letters or digits gives no slug (unique allows many empties as null).
        return slugify(source).slice(0, MAX_LENGTH).replace(/-+$/, '') || null
      },
    ],
  },
  validate: (value: unknown) => {
    if (value === undefined || value === null || value === '') {
      return true
    }
    if (typeof value === 'string' && value.length > MAX_LENGTH) {
      return `A slug has at most ${MAX_LENGTH} characters; this one has ${value.length}.`
    }
    return (
      (typeof value === 'string' && SLUG_PATTERN.test(value)) ||
      'A slug uses lower-case letters, digits and single hyphens, e.g. "lower-back-pain".'
    )
  },
})
