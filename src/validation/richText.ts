import { safeHref } from '@/richText/slateToHtml'
import { isPrototypeKey } from './prototypeKeys'

/** What the Slate editor is configured to produce; anything else did not come from the editor. */
type RichTextRules = {
  elements: readonly string[]
  leaves: readonly string[]
  /** Collections an internal link may point at: the delivery API publishes the linked document. */
  linkCollections: readonly string[]
  maxDepth: number
  maxNodes: number
}

export const ARTICLE_RICH_TEXT: RichTextRules = {
  elements: ['p', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'link'],
  leaves: ['bold', 'italic', 'underline'],
  // Public pages only: a link to an account or a review record would print it in the article.
  linkCollections: ['articles', 'topics', 'authors', 'medical-reviewers'],
  // Real articles nest a few levels (a list in a list); thousands of levels is an attack.
  maxDepth: 32,
  maxNodes: 20_000,
}

const SCRIPT_TAG = /<\s*\/?\s*script\b/i

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const ELEMENT_KEYS = ['type', 'children']

/** What Payload's Slate link editor stores on a link (`fields` holds custom link fields: none here). */
const LINK_KEYS = [...ELEMENT_KEYS, 'url', 'linkType', 'newTab', 'doc', 'fields']

const LINK_TYPES = ['custom', 'internal']

const isAbsent = (value: unknown): boolean => value === undefined || value === null

const isId = (value: unknown): boolean =>
  (typeof value === 'string' && value.length > 0 && value.length <= 64) ||
  (typeof value === 'number' && Number.isSafeInteger(value))

const unknownKeyProblem = ({
  node,
  allowed,
  what,
}: {
  node: Record<string, unknown>
  allowed: readonly string[]
  what: string
}): string | null => {
  const key = Object.keys(node).find((name) => !allowed.includes(name))
  return key === undefined
    ? null
    : `Rich text ${what} cannot carry ${JSON.stringify(key)}; allowed: ${allowed.join(', ')}.`
}

/** `{relationTo, value}` as the link editor stores it; `value` may come back populated. */
const linkedDocumentProblem = ({
  doc,
  rules,
}: {
  doc: unknown
  rules: RichTextRules
}): string | null => {
  if (!isPlainObject(doc)) {
    return 'A link\'s "doc" must be {relationTo, value}.'
  }
  const unknown = unknownKeyProblem({
    node: doc,
    allowed: ['relationTo', 'value'],
    what: 'link docs',
  })
  if (unknown) {
    return unknown
  }
  if (typeof doc.relationTo !== 'string' || !rules.linkCollections.includes(doc.relationTo)) {
    return `Internal links may point at ${rules.linkCollections.join(', ')}, not ${JSON.stringify(doc.relationTo)}.`
  }
  const { value } = doc
  return isId(value) || (isPlainObject(value) && isId(value.id))
    ? null
    : 'A link\'s "doc.value" must be the id of the linked document.'
}

/** Every link, whatever its type, carries only an address `safeHref` keeps. */
const linkProblems = ({
  node,
  rules,
}: {
  node: Record<string, unknown>
  rules: RichTextRules
}): string[] => {
  const problems: string[] = []
  const { url, linkType, newTab, doc, fields } = node
  if (!isAbsent(linkType) && !LINK_TYPES.includes(linkType as string)) {
    problems.push(
      `Link type ${JSON.stringify(linkType)} is not allowed; use "custom" or "internal".`,
    )
  }
  const isInternal = linkType === 'internal'
  // An internal link goes to its document; the editor leaves the url empty or as it was before.
  const hasNoUrl = isInternal && (isAbsent(url) || url === '')
  if (!hasNoUrl && safeHref(url) === null) {
    problems.push(
      typeof url === 'string'
        ? `Link ${JSON.stringify(url)} is not allowed: use an http(s) or mailto address, or a path on this site.`
        : 'A link needs a url: an http(s) or mailto address, or a path on this site.',
    )
  }
  // Payload populates `doc` whatever the link type, so one left over from the editor is checked too.
  if (isInternal || !isAbsent(doc)) {
    const problem = linkedDocumentProblem({ doc, rules })
    if (problem) {
      problems.push(problem)
    }
  }
  if (!isAbsent(newTab) && typeof newTab !== 'boolean') {
    problems.push('A link\'s "newTab" must be true or false.')
  }
  if (!isAbsent(fields) && !(isPlainObject(fields) && Object.keys(fields).length === 0)) {
    problems.push('Links here have no extra fields: "fields" must be empty.')
  }
  return problems
}

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
        const unknown = unknownKeyProblem({
          node,
          allowed: ['text', ...rules.leaves],
          what: 'text',
        })
        if (unknown) {
          problems.add(unknown)
        } else if (typeof node.text !== 'string') {
          problems.add('Text in rich text must be a string.')
        } else if (SCRIPT_TAG.test(node.text)) {
          problems.add('Rich text cannot contain <script> tags: write plain text.')
        } else if (
          rules.leaves.some((leaf) => !isAbsent(node[leaf]) && typeof node[leaf] !== 'boolean')
        ) {
          problems.add(`Text formatting (${rules.leaves.join(', ')}) must be true or false.`)
        }
        continue
      }
      const type = node.type ?? 'p'
      if (typeof type !== 'string' || !rules.elements.includes(type)) {
        problems.add(
          `Unknown rich text element ${JSON.stringify(type)}; allowed: ${rules.elements.join(', ')}.`,
        )
        continue
      }
      const isLink = type === 'link'
      const unknown = unknownKeyProblem({
        node,
        allowed: isLink ? LINK_KEYS : ELEMENT_KEYS,
        what: isLink ? 'links' : 'elements',
      })
      if (unknown) {
        problems.add(unknown)
      }
      if (isLink) {
        linkProblems({ node, rules }).forEach((problem) => problems.add(problem))
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
