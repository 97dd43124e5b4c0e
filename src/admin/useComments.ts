'use client'
import { useDocumentInfo } from '@payloadcms/ui'
import { useCallback, useEffect, useSyncExternalStore } from 'react'

import type { Anchor } from '@/comments/anchor'
import type { threadsOn } from '@/comments/service/threadsOn'
import { getJson } from './useWorkflowPanel'
import type { Loaded, RefusalAnswer } from './useWorkflowPanel'

/** What GET /api/articles/:id/comments answers. */
export type CommentThreads = Awaited<ReturnType<typeof threadsOn>>

export type CommentThread = CommentThreads['threads'][number]

type Store = {
  answer: Loaded<CommentThreads>
  /** The thread someone asked to see (a mark clicked, a refusal's "Show"), and when. */
  focus: { id: number | string; at: number } | null
  /** Whether the reading view shows the passages now: "Show passage" has somewhere to go. */
  isReadingViewShown: boolean
}

const EMPTY: Store = { answer: undefined, focus: null, isReadingViewShown: false }

// One conversation per article, shared by the workflow panel and the reading view's margin.
const stores = new Map<string, Store>()
const listeners = new Map<string, Set<() => void>>()

const read = (key: string): Store => stores.get(key) ?? EMPTY

const write = (key: string, change: Partial<Store>) => {
  stores.set(key, { ...read(key), ...change })
  listeners.get(key)?.forEach((listener) => listener())
}

const subscribe = (key: string) => (listener: () => void) => {
  const set = listeners.get(key) ?? new Set()
  set.add(listener)
  listeners.set(key, set)
  return () => {
    set.delete(listener)
  }
}

const commentsPath = (id: number | string) => `/api/articles/${id}/comments?status=all`

/** Asks the server for the article's threads again; every component showing them follows. */
export const reloadComments = async (id: number | string): Promise<void> => {
  const answer = await fetch(commentsPath(id), { credentials: 'include' })
    .then(async (res) => (res.ok ? ((await res.json()) as CommentThreads) : null))
    .catch(() => null)
  write(String(id), { answer })
}

/** Shows a thread: the panel switches to a list that has it, the margin and panel scroll to it. */
export const focusComment = ({ article, id }: { article: number | string; id: number | string }) =>
  write(String(article), { focus: { id, at: Date.now() } })

export const setReadingViewShown = ({
  article,
  isShown,
}: {
  article: number | string
  isShown: boolean
}) => write(String(article), { isReadingViewShown: isShown })

const refusalsOf = async (res: Response): Promise<RefusalAnswer[]> => {
  const body = (await res.json().catch(() => ({}))) as { errors?: RefusalAnswer[] }
  return body.errors?.length
    ? body.errors
    : [{ code: 'UNEXPECTED', message: `The server answered ${res.status}. Try again.` }]
}

/** Sends a change to the comments; on success the threads are asked for again. */
const send = async ({
  article,
  path,
  method,
  json,
}: {
  article: number | string
  path: string
  method: 'POST' | 'PATCH'
  json: Record<string, unknown>
}): Promise<{ refusals: RefusalAnswer[]; id?: number | string }> => {
  const res = await fetch(path, {
    method,
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(json),
  }).catch(() => null)
  if (!res) {
    return { refusals: [{ code: 'OFFLINE', message: 'Could not reach the server. Try again.' }] }
  }
  if (!res.ok) {
    return { refusals: await refusalsOf(res) }
  }
  const { doc } = (await res.json().catch(() => ({}))) as { doc?: { id?: number | string } }
  await reloadComments(article)
  return { refusals: [], ...(doc?.id !== undefined ? { id: doc.id } : {}) }
}

export const startThread = ({
  article,
  quote,
  anchor,
  body,
}: {
  article: number | string
  quote: string
  anchor: Anchor | null
  body: string
}) =>
  send({
    article,
    path: '/api/review-comments',
    method: 'POST',
    json: { article, quote, body, ...(anchor ? { anchor } : {}) },
  })

export const replyTo = ({
  article,
  parent,
  body,
}: {
  article: number | string
  parent: number | string
  body: string
}) => send({ article, path: '/api/review-comments', method: 'POST', json: { parent, body } })

export const setThreadStatus = ({
  article,
  id,
  status,
}: {
  article: number | string
  id: number | string
  status: 'open' | 'resolved'
}) => send({ article, path: `/api/review-comments/${id}`, method: 'PATCH', json: { status } })

/**
 * The review conversation on the article being edited, as the server answers it: loaded once for
 * every component that shows it, and again after each save (anchors follow the saved draft).
 */
export const useComments = () => {
  const { id, lastUpdateTime } = useDocumentInfo()
  const key = id === undefined || id === null ? '' : String(id)
  const store = useSyncExternalStore(
    useCallback((listener: () => void) => subscribe(key)(listener), [key]),
    () => read(key),
    () => EMPTY,
  )
  useEffect(() => {
    if (!key) {
      return
    }
    // The panel and the margin mount together: one GET answers both.
    void getJson<CommentThreads>({ path: commentsPath(key) }).then((answer) =>
      write(key, { answer }),
    )
  }, [key, lastUpdateTime])
  return { id: key ? (id as number | string) : null, ...store }
}
