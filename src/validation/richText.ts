import { safeHref } from '../delivery/serializers/slateToHtml'
import { isPrototypeKey } from './prototypeKeys'

/** What the Slate editor is configured to produce; anything else did not come from the editor. */
export type RichTextRules = {
  elements: readonly string[]
  leaves: readonly string[]
  maxDepth: number
  maxNodes: number
}

export const ARTICLE_RICH_TEXT: RichTextRules = {
  elements: ['p', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'link'],
  leaves: ['bold', 'italic', 'underline'],
  // Real articles nest a few levels (a list in a list); thousands of levels is an attack.
  maxDepth: 32,
  maxNodes: 20_000,
}

const SCRIPT_TAG = /<\s*\/?\s*script\b/i

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Why a Slate value cannot be stored, one message per problem (first few only), or none.
 * Walks the tree without recursion, so a hostile depth cannot overflow the stack.
 */
export const richTextProblems = ({
  value,
  rules = ARTICLE_RICH_TEXT,
}: {
  value: unknown
  rules?: RichTextRules
}): string[] => {
  if (value === null || value === undefined) {
    return []
  }
  if (!Array.isArray(value)) {
    return ['Rich text must be a list of blocks.']
  }
  const problems = new Set<string>()
  const stack: { nodes: unknown[]; depth: number }[] = [{ nodes: value, depth: 1 }]
  let count = 0
  while (stack.length > 0 && problems.size < 5) {
    const { nodes, depth } = stack.pop() as { nodes: unknown[]; depth: number }
    if (depth > rules.maxDepth) {
      problems.add(`Rich text nests more than ${rules.maxDepth} levels deep.`)
      break
    }
    for (const node of nodes) {
      count += 1
      if (count > rules.maxNodes) {
        problems.add(`Rich text has more than ${rules.maxNodes} parts.`)
        break
      }
      if (!isPlainObject(node)) {
        problems.add('Every part of rich text must be an object.')
        continue
      }
      if (Object.keys(node).some(isPrototypeKey)) {
        problems.add('Rich text cannot carry __proto__, constructor or prototype keys.')
        continue
      }
      if ('text' in node && 'children' in node) {
        problems.add('A rich text part is either text or an element with children, not both.')
        continue
      }
      if ('text' in node) {
        if (typeof node.text !== 'string') {
          problems.add('Text in rich text must be a string.')
        } else if (SCRIPT_TAG.test(node.text)) {
          problems.add('Rich text cannot contain <script> tags: write plain text.')
        }
        continue
      }
      const type = node.type ?? 'p'
      if (typeof type !== 'string' || !rules.elements.includes(type)) {
        problems.add(
          `Unknown rich text element ${JSON.stringify(type)}; allowed: ${rules.elements.join(', ')}.`,
        )
      }
      if (type === 'link' && node.linkType !== 'internal' && safeHref(node.url) === null) {
        problems.add(
          `Link ${JSON.stringify(node.url)} is not allowed: use an http(s) or mailto address, or a path on this site.`,
        )
      }
      if (!Array.isArray(node.children)) {
        problems.add('Every rich text element needs a list of children.')
        continue
      }
      stack.push({ nodes: node.children, depth: depth + 1 })
    }
  }
  return [...problems]
}
