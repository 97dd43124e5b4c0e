import type { PayloadRequest } from 'payload'

import type { User } from '@payload-types'
import type { EditorialStage } from '@/workflow/stages'
import type { EditorialAction, WorkflowArticle } from '@/workflow/transitions'

/** Appends the decision to review-records in the request's transaction, with the version it applies to. */
export const recordDecision = async ({
  req,
  articleId,
  title,
  article,
  action,
  to,
  note,
  fingerprint,
  at,
}: {
  req: PayloadRequest
  articleId: number | string
  title: string | null | undefined
  article: WorkflowArticle
  action: EditorialAction
  to: EditorialStage
  note?: string
  /** The content the decision was about. */
  fingerprint: string
  at: Date
}): Promise<void> => {
  const { docs: versions } = await req.payload.findVersions({
    collection: 'articles',
    where: { parent: { equals: articleId } },
    sort: '-updatedAt',
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const user = req.user as User | null
  await req.payload.create({
    collection: 'review-records',
    overrideAccess: true,
    req,
    data: {
      article: articleId as number,
      articleTitle: title ?? null,
      versionId: versions[0] ? String(versions[0].id) : null,
      action,
      fromStage: article.stage,
      toStage: to,
      actor: (user?.id as number) ?? null,
      actorName: user?.name ?? null,
      note: note?.trim() || null,
      fingerprint,
      at: at.toISOString(),
      articleWriter: (article.createdBy as number) ?? null,
      articleAuthor: (article.authorId as number) ?? null,
    },
  })
}
