import type { RichTextField } from 'payload'

import { ARTICLE_RICH_TEXT, richTextProblems } from '@/validation/richText'

/**
 * A Slate field that stores only what the editor produces: known elements, safe links, no
 * <script>, a bounded depth. Anything else is a 400 naming the problem.
 */
export const safeRichText = ({
  name,
  required = false,
  admin,
}: {
  name: string
  required?: boolean
  admin?: RichTextField['admin']
}): RichTextField => ({
  name,
  type: 'richText',
  required,
  ...(admin ? { admin } : {}),
  validate: (value: unknown) => {
    const problems = richTextProblems({ value, rules: ARTICLE_RICH_TEXT })
    if (problems.length > 0) {
      return problems.join(' ')
    }
    const isEmpty = !Array.isArray(value) || value.length === 0
    return required && isEmpty ? 'This field is required.' : true
  },
})
