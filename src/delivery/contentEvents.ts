/** What changed in published content; the delivery cache and webhooks listen. */
type ContentEvent = { collection: string; id: number | string; slug?: string | null }

type Listener = (event: ContentEvent) => void

const listeners = new Set<Listener>()

export const onContentChange = (listener: Listener): (() => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export const emitContentChange = (event: ContentEvent): void => {
  listeners.forEach((listener) => listener(event))
}
