import type { Anchor } from '@/comments/anchor'

/** The server keeps quotes up to this long (`MAX_QUOTE_LENGTH` in src/comments). */
const MAX_QUOTE = 1000

const MARK_CLASS = 'signoff-comment-mark'

/** A selection in the reading view, as a review comment's quote and anchor, or why it cannot be. */
export type Picked =
  | { quote: string; anchor: Anchor; rect: DOMRect; problem?: never }
  | { problem: string; rect: DOMRect; quote?: never; anchor?: never }

/** The reading view's text block (it carries `data-block-path`) that holds a node, if any. */
const blockOf = (node: Node, body: HTMLElement): HTMLElement | null => {
  const element = node instanceof Element ? node : node.parentElement
  const block = element?.closest<HTMLElement>('[data-block-path]') ?? null
  return block && body.contains(block) ? block : null
}

/** Characters of a block's text before a point in it: the same count as the Slate text's. */
const offsetIn = (block: HTMLElement, node: Node, offset: number): number => {
  const before = document.createRange()
  before.setStart(block, 0)
  before.setEnd(node, offset)
  return before.toString().length
}

/**
 * The current selection inside the reading view's body as a quote and the anchor the server
 * checks (block path and character offsets in that block's text), so a phrase that appears more
 * than once is anchored where it was selected. A selection spilling into the next block only by
 * blank space (a triple click) is kept to its first block.
 */
export const pickSelection = (body: HTMLElement): Picked | null => {
  const selection = window.getSelection()
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
    return null
  }
  const range = selection.getRangeAt(0)
  if (!body.contains(range.commonAncestorContainer)) {
    return null
  }
  const rect = range.getBoundingClientRect()
  const block = blockOf(range.startContainer, body)
  if (!block) {
    return null
  }
  const inBlock = range.cloneRange()
  if (blockOf(range.endContainer, body) !== block) {
    inBlock.setEnd(block, block.childNodes.length)
    if (inBlock.toString().trim() !== range.toString().trim()) {
      return {
        problem: 'Select text within one paragraph, heading or list item to comment on it.',
        rect,
      }
    }
  }
  const raw = inBlock.toString()
  const quote = raw.trim()
  if (!quote) {
    return null
  }
  if (quote.length > MAX_QUOTE) {
    return { problem: `Select at most ${MAX_QUOTE} characters to comment on them.`, rect }
  }
  const start =
    offsetIn(block, inBlock.startContainer, inBlock.startOffset) +
    (raw.length - raw.trimStart().length)
  const blockPath = (block.dataset.blockPath ?? '').split('.').map(Number)
  return { quote, anchor: { blockPath, start, end: start + quote.length }, rect }
}

/** Removes every passage highlight, leaving the server's HTML as it was. */
export const unmarkPassages = (body: HTMLElement) => {
  body
    .querySelectorAll(`mark.${MARK_CLASS}`)
    .forEach((mark) => mark.replaceWith(...mark.childNodes))
  body.normalize()
}

/**
 * Highlights a passage: each stretch of text between `start` and `end` of the block is wrapped in
 * a <mark> naming the comment (several when the passage crosses a link or bold words).
 */
export const markPassage = ({
  body,
  anchor,
  id,
  variant,
}: {
  body: HTMLElement
  anchor: Anchor
  id: number | string
  variant: 'open' | 'resolved' | 'draft'
}) => {
  const block = body.querySelector(`[data-block-path="${anchor.blockPath.join('.')}"]`)
  if (!block) {
    return
  }
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT)
  const pieces: { node: Text; from: number; to: number }[] = []
  let offset = 0
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const from = Math.max(anchor.start, offset)
    const to = Math.min(anchor.end, offset + node.data.length)
    if (from < to) {
      pieces.push({ node, from: from - offset, to: to - offset })
    }
    offset += node.data.length
  }
  for (const piece of pieces) {
    if (piece.to < piece.node.data.length) {
      piece.node.splitText(piece.to)
    }
    const text = piece.from > 0 ? piece.node.splitText(piece.from) : piece.node
    const mark = document.createElement('mark')
    mark.className = `${MARK_CLASS} ${MARK_CLASS}--${variant}`
    mark.dataset.commentId = String(id)
    text.replaceWith(mark)
    mark.append(text)
  }
}
