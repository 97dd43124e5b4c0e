import { diffWords } from 'diff'

/** An article's content as a reviewer compares it: text as readers see it, relations by name. */
export type ComparableContent = {
  title: string
  summary: string
  /** The body as rendered text. */
  body: string
  keyMessages: string[]
  sources: { id: string; label: string }[]
  topics: { id: string; label: string }[]
  author: string | null
  medicalReviewer: string | null
  disclaimer: string | null
  heroImage: string | null
}

export type TextPart = { value: string; added?: true; removed?: true }

export type ContentChange =
  | { field: string; label: string; kind: 'text'; parts: TextPart[] }
  | {
      field: string
      label: string
      kind: 'list'
      added: string[]
      removed: string[]
      isReordered: boolean
    }
  | { field: string; label: string; kind: 'value'; from: string | null; to: string | null }

const TEXT_FIELDS = [
  ['title', 'Title'],
  ['summary', 'Summary'],
  ['body', 'Body'],
  ['keyMessages', 'Key messages'],
] as const
const LIST_FIELDS = [
  ['sources', 'Sources'],
  ['topics', 'Topics'],
] as const
const VALUE_FIELDS = [
  ['author', 'Author'],
  ['medicalReviewer', 'Medical reviewer'],
  ['disclaimer', 'Disclaimer'],
  ['heroImage', 'Hero image'],
] as const

const textOf = (content: ComparableContent, field: (typeof TEXT_FIELDS)[number][0]): string =>
  field === 'keyMessages' ? content.keyMessages.join('\n') : content[field]

/** The words that changed, kept in reading order (a word-level diff, from the `diff` library). */
const wordDiff = (before: string, after: string): TextPart[] =>
  diffWords(before, after).map((part) => ({
    value: part.value,
    ...(part.added ? { added: true as const } : {}),
    ...(part.removed ? { removed: true as const } : {}),
  }))

const listChange = ({
  before,
  after,
}: {
  before: { id: string; label: string }[]
  after: { id: string; label: string }[]
}) => {
  const ids = (list: { id: string }[]) => list.map((item) => item.id)
  const added = after.filter((item) => !ids(before).includes(item.id)).map((item) => item.label)
  const removed = before.filter((item) => !ids(after).includes(item.id)).map((item) => item.label)
  const kept = (list: { id: string }[], other: { id: string }[]) =>
    ids(list).filter((id) => ids(other).includes(id))
  const isReordered = kept(before, after).join() !== kept(after, before).join()
  return { added, removed, isReordered }
}

/**
 * What changed between the content a reviewer last decided on and the content now, field by
 * field: text as a word-level diff, sources and topics added, removed or reordered, and people,
 * disclaimer and image by name. Empty when nothing changed. Pure.
 */
export const contentChanges = ({
  before,
  after,
}: {
  before: ComparableContent
  after: ComparableContent
}): ContentChange[] => {
  const changes: ContentChange[] = []
  for (const [field, label] of TEXT_FIELDS) {
    const [was, now] = [textOf(before, field), textOf(after, field)]
    if (was !== now) {
      changes.push({ field, label, kind: 'text', parts: wordDiff(was, now) })
    }
  }
  for (const [field, label] of LIST_FIELDS) {
    const change = listChange({ before: before[field], after: after[field] })
    if (change.added.length || change.removed.length || change.isReordered) {
      changes.push({ field, label, kind: 'list', ...change })
    }
  }
  for (const [field, label] of VALUE_FIELDS) {
    if (before[field] !== after[field]) {
      changes.push({ field, label, kind: 'value', from: before[field], to: after[field] })
    }
  }
  return changes
}
