/** Slate JSON → HTML for public pages. Pure: escapes all text, keeps safe links only. */
import { isTextBlock } from '@/comments/anchor'

type SlateNode = {
  type?: unknown
  url?: unknown
  text?: unknown
  bold?: unknown
  italic?: unknown
  underline?: unknown
  children?: unknown
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)

/**
 * Controls, invisible format characters and whitespace other than an inner space: URL parsers
 * drop or reinterpret them, so `java\tscript:` runs as `javascript:` and `/\t/evil` means `//evil`.
 */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|[^\S ]|^ | $/u

/** `/` then anything but a second slash or a backslash, which browsers read as another host. */
const SITE_PATH = /^\/(?![/\\])/

/** The scheme, two slashes and a host, as written: `http:evil` and `https:\\evil` are not. */
const WEB_ADDRESS = /^https?:\/\/[^/\\]/i

const MAILTO = /^mailto:./i

/**
 * The one rule for link addresses, for every link type: the validator refuses what this refuses,
 * and the serializer renders only what it keeps. http(s), mailto, a `#fragment` or a path on this
 * site; `javascript:`, `data:`, `//host` and anything a parser would rewrite are null.
 */
export const safeHref = (value: unknown): string | null => {
  if (typeof value !== 'string' || HIDDEN_CHARACTERS.test(value)) {
    return null
  }
  // Percent-escapes stay escaped when a browser resolves a path, so `/%09/evil` is a page here.
  if (value.startsWith('#') || SITE_PATH.test(value)) {
    return value
  }
  if (!WEB_ADDRESS.test(value) && !MAILTO.test(value)) {
    return null
  }
  try {
    const { protocol } = new URL(value)
    return protocol === 'https:' || protocol === 'http:' || protocol === 'mailto:' ? value : null
  } catch {
    return null
  }
}

const BLOCKS: Record<string, string> = {
  h2: 'h2',
  h3: 'h3',
  h4: 'h4',
  h5: 'h5',
  h6: 'h6',
  // The page title is the only h1; a body h1 becomes h2.
  h1: 'h2',
  blockquote: 'blockquote',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
  p: 'p',
}

/** Deeper nesting than this is not a document a person wrote; the rest is dropped. */
const MAX_DEPTH = 64

const renderText = (text: string, sourceCount: number): string =>
  escapeHtml(text).replace(/\[(\d{1,3})\]/g, (marker, digits: string) => {
    const n = Number(digits)
    return n >= 1 && n <= sourceCount
      ? `<a class="citation" href="#source-${n}">[${n}]</a>`
      : marker
  })

/**
 * `path` is the node's place in the body while block paths are wanted (the reading view), null
 * otherwise and inside a text block: only text blocks carry `data-block-path`.
 */
const renderNode = (
  node: unknown,
  sourceCount: number,
  depth: number,
  path: number[] | null,
): string => {
  if (!node || typeof node !== 'object' || depth > MAX_DEPTH) {
    return ''
  }
  const n = node as SlateNode
  if (typeof n.text === 'string') {
    let html = renderText(n.text, sourceCount)
    if (n.bold) {
      html = `<strong>${html}</strong>`
    }
    if (n.italic) {
      html = `<em>${html}</em>`
    }
    if (n.underline) {
      html = `<u>${html}</u>`
    }
    return html
  }
  const isBlock = path !== null && isTextBlock(n)
  const children = Array.isArray(n.children)
    ? n.children
        .map((child, index) =>
          renderNode(child, sourceCount, depth + 1, path && !isBlock ? [...path, index] : null),
        )
        .join('')
    : ''
  if (n.type === 'link') {
    const href = safeHref(n.url)
    return href
      ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${children}</a>`
      : children
  }
  const tag = BLOCKS[typeof n.type === 'string' ? n.type : 'p'] ?? 'p'
  const attributes = isBlock ? ` data-block-path="${path.join('.')}"` : ''
  return `<${tag}${attributes}>${children}</${tag}>`
}

/**
 * The body as HTML; `sourceCount` decides which [n] markers become links to `#source-n`.
 * `withBlockPaths` (the admin's reading view only, never the delivery API) marks each text block
 * with its path in the body, as `src/comments/anchor.ts` counts it.
 */
export const slateToHtml = ({
  body,
  sourceCount,
  withBlockPaths = false,
}: {
  body: unknown
  sourceCount: number
  withBlockPaths?: boolean
}): string =>
  Array.isArray(body)
    ? body
        .map((node, index) => renderNode(node, sourceCount, 0, withBlockPaths ? [index] : null))
        .join('\n')
    : ''

/** Plain text of a Slate value (for disclaimers and search snippets). */
export const slateToText = (body: unknown): string => {
  const parts: string[] = []
  const visit = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > MAX_DEPTH) {
      return
    }
    const n = node as SlateNode
    if (typeof n.text === 'string') {
      parts.push(n.text)
    }
    if (Array.isArray(n.children)) {
      n.children.forEach((child) => visit(child, depth + 1))
      if (depth === 0) {
        parts.push('\n\n')
      }
    }
  }
  if (Array.isArray(body)) {
    body.forEach((node) => visit(node, 0))
  }
  return parts.join('').trim()
}
