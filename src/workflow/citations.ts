/** Citation markers look like [1] or [12] inside the text of the body. */
const MARKER = /\[(\d{1,3})\]/g

type Node = { text?: unknown; children?: unknown }

/** Every citation number in a Slate document, in reading order (duplicates kept). */
export const citationNumbers = (body: unknown): number[] => {
  const found: number[] = []
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit)
      return
    }
    if (!node || typeof node !== 'object') {
      return
    }
    const { text, children } = node as Node
    if (typeof text === 'string') {
      for (const match of text.matchAll(MARKER)) {
        found.push(Number(match[1]))
      }
    }
    if (children) {
      visit(children)
    }
  }
  visit(body)
  return found
}
