'use client'
import { useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import type { readingView } from '@/delivery/readingView'
import type { Refusal } from '@/shared/refusals'
import type { workflowPanel } from '@/workflow/service/workflowPanel'

/** What GET /api/articles/:id/workflow answers. */
export type WorkflowPanel = Awaited<ReturnType<typeof workflowPanel>>

/** What GET /api/articles/:id/reading-view answers. */
export type ReadingViewArticle = Awaited<ReturnType<typeof readingView>>

/**
 * A refusal as the server sends it: one line for a person, failing publish rules listed, and the
 * open comments an approval waits for.
 */
export type RefusalAnswer = Pick<Refusal, 'message' | 'rules' | 'comments'> & { code: string }

/** undefined while loading, null when the server would not answer. */
export type Loaded<T> = T | null | undefined

const inFlight = new Map<string, Promise<unknown>>()

/** One GET for every component asking at the same moment: the panel and the reading view show one answer. */
export const getJson = <T>({ path }: { path: string }): Promise<T | null> => {
  const pending =
    inFlight.get(path) ??
    fetch(path, { credentials: 'include' })
      .then(async (res) => (res.ok ? ((await res.json()) as T) : null))
      .catch(() => null)
      .finally(() => inFlight.delete(path))
  inFlight.set(path, pending)
  return pending as Promise<T | null>
}

/**
 * The article's workflow panel as the server answers it, asked again after every save (the
 * checklist and the fingerprint follow the saved draft).
 */
export const useWorkflowPanel = ({ isWanted = true }: { isWanted?: boolean } = {}) => {
  const { id, lastUpdateTime } = useDocumentInfo()
  const [panel, setPanel] = useState<Loaded<WorkflowPanel>>(undefined)
  useEffect(() => {
    if (!id || !isWanted) {
      return
    }
    let isCurrent = true
    void getJson<WorkflowPanel>({ path: `/api/articles/${id}/workflow` }).then((answer) => {
      if (isCurrent) {
        setPanel(answer)
      }
    })
    return () => {
      isCurrent = false
    }
  }, [id, isWanted, lastUpdateTime])
  return { id, panel }
}

/** A moment in the reader's own locale and time zone. */
export const formatDateTime = (iso: string): string =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  )

/** A day in the reader's own locale. */
export const formatDate = (iso: string): string =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(iso))
