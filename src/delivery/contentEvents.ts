/** What changed in published content; the delivery cache and webhooks listen. */
export type ContentEvent = { collection: string; id: number | string; slug?: string | null }

type Listener = (event: ContentEvent) => void

const listeners = new Set<Listener>()

// A deletion leaves no updatedAt behind: this clock is what lets Last-Modified move for it.
let lastChangeAt = Date.now()

export const onContentChange = (listener: Listener): (() => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export const emitContentChange = (event: ContentEvent): void => {
  lastChangeAt = Date.now()
  listeners.forEach((listener) => listener(event))
}

/** When this process last heard of a change to published content, or started (ms since the epoch). */
export const lastContentChange = (): number => lastChangeAt
