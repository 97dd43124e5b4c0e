import type { SeedBlock } from './fixture'

type SlateText = { text: string; bold?: boolean; italic?: boolean; underline?: boolean }
type SlateElement = { type?: string; url?: string; children: SlateNode[] }
export type SlateNode = SlateElement | SlateText

/** Paragraphs carry no `type`: that is how Payload's Slate editor stores them. */
const paragraph = (text: string): SlateElement => ({ children: [{ text }] })

export const blocksToSlate = (blocks: SeedBlock[]): SlateElement[] =>
  blocks.map((block) => {
    if (block.type === 'ul') {
      return {
        type: 'ul',
        children: block.items.map((item) => ({ type: 'li', children: [{ text: item }] })),
      }
    }
    if (block.type === 'p') {
      return paragraph(block.text)
    }
    return { type: block.type, children: [{ text: block.text }] }
  })

export const textToSlate = (text: string): SlateElement[] =>
  text.split(/\n{2,}/).map((part) => paragraph(part.trim()))
