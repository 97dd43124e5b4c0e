/**
 * Where a review comment sits in an article's Slate body: the path of the text block (a paragraph,
 * heading or list item: an element whose children are text or inline links) and character offsets
 * in that block's text. Pure: the comments room stores anchors, this finds them again.
 */

export type Anchor = { blockPath: number[]; start: number; end: number }

/** `exact`: the passage is where it was. `moved`: found again by its quote elsewhere. `outdated`: gone. */
export type AnchorState = 'exact' | 'moved' | 'outdated'

export type LocatedAnchor =
  | ({ state: 'exact' | 'moved' } & Anchor)
  | { state: 'outdated'; blockPath: null; start: null; end: null }

type TextBlock = { path: number[]; text: string }

type SlateNode = { text?: unknown; children?: unknown; type?: unknown }

const INLINE_TYPES = new Set(['link'])

const isText = (node: SlateNode): boolean => typeof node.text === 'string'

const isInline = (node: SlateNode): boolean =>
  typeof node.type === 'string' && INLINE_TYPES.has(node.type)

const textOf = (node: SlateNode): string =>
  isText(node)
    ? (node.text as string)
    : Array.isArray(node.children)
      ? (node.children as SlateNode[]).map(textOf).join('')
      : ''

/**
 * A text block: an element whose children are all text or inline links. The reading view's HTML
 * marks the same elements with their path, so a selection there maps to an anchor here.
 */
export const isTextBlock = (raw: unknown): boolean => {
  const node = raw as SlateNode | null
  if (!node || typeof node !== 'object' || isText(node) || !Array.isArray(node.children)) {
    return false
  }
  return (node.children as SlateNode[]).every(
    (child) => child && (isText(child) || isInline(child)),
  )
}

/** Every text block in reading order, with its path from the root. */
export const textBlocks = (body: unknown): TextBlock[] => {
  const blocks: TextBlock[] = []
  const visit = (nodes: unknown, path: number[]): void => {
    if (!Array.isArray(nodes)) {
      return
    }
    nodes.forEach((raw, index) => {
      if (!raw || typeof raw !== 'object') {
        return
      }
      const node = raw as SlateNode
      const children = Array.isArray(node.children) ? (node.children as SlateNode[]) : null
      if (!children || isText(node)) {
        return
      }
      const here = [...path, index]
      if (isTextBlock(node)) {
        blocks.push({ path: here, text: textOf(node) })
      } else {
        visit(children, here)
      }
    })
  }
  visit(body, [])
  return blocks
}

const samePath = (a: number[], b: number[]): boolean =>
  a.length === b.length && a.every((step, i) => step === b[i])

/** How far apart two blocks are in reading order (0 for the same block). */
const distance = (blocks: TextBlock[], a: number[], b: number[]): number => {
  const at = (path: number[]) => blocks.findIndex((block) => samePath(block.path, path))
  const [i, j] = [at(a), at(b)]
  return i < 0 || j < 0 ? Number.MAX_SAFE_INTEGER : Math.abs(i - j)
}

/** A quote as people select it: surrounding blanks dropped, runs of blanks as one space. */
export const normalizeQuote = (quote: string): string => quote.replace(/\s+/g, ' ').trim()

/** The quote's first occurrence in the body, or null when the body does not contain it. */
export const anchorQuote = (body: unknown, quote: string): Anchor | null => {
  const wanted = normalizeQuote(quote)
  if (!wanted) {
    return null
  }
  for (const block of textBlocks(body)) {
    const start = block.text.indexOf(wanted)
    if (start >= 0) {
      return { blockPath: block.path, start, end: start + wanted.length }
    }
  }
  return null
}

/** Whether an anchor sent by a client (a selection in the admin) points at the quote exactly. */
export const isAnchorOf = (body: unknown, anchor: Anchor, quote: string): boolean => {
  const block = textBlocks(body).find((b) => samePath(b.path, anchor.blockPath))
  return block !== undefined && block.text.slice(anchor.start, anchor.end) === normalizeQuote(quote)
}

/**
 * Finds a comment's passage in the body as it is now: where it was if the text there is unchanged,
 * else the occurrence of its quote nearest to where it was, else outdated (the passage was removed
 * or reworded; the comment is kept and shown as outdated).
 */
export const locateAnchor = (
  body: unknown,
  { anchor, quote }: { anchor: Anchor | null; quote: string },
): LocatedAnchor => {
  const wanted = normalizeQuote(quote)
  const blocks = textBlocks(body)
  if (anchor && wanted) {
    const block = blocks.find((b) => samePath(b.path, anchor.blockPath))
    if (block && block.text.slice(anchor.start, anchor.end) === wanted) {
      return { state: 'exact', ...anchor }
    }
  }
  let best: (Anchor & { away: number; offsetAway: number }) | null = null
  for (const block of wanted ? blocks : []) {
    for (let at = block.text.indexOf(wanted); at >= 0; at = block.text.indexOf(wanted, at + 1)) {
      const away = anchor ? distance(blocks, block.path, anchor.blockPath) : 0
      const offsetAway = anchor ? Math.abs(at - anchor.start) : at
      if (!best || away < best.away || (away === best.away && offsetAway < best.offsetAway)) {
        best = { blockPath: block.path, start: at, end: at + wanted.length, away, offsetAway }
      }
    }
  }
  if (!best) {
    return { state: 'outdated', blockPath: null, start: null, end: null }
  }
  return { state: 'moved', blockPath: best.blockPath, start: best.start, end: best.end }
}
