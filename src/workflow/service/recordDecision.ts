import type { PayloadRequest } from 'payload'

import type { User } from '@payload-types'
import { DEFAULT_ATTESTATION } from '@/workflow/attestation'
import { fingerprintOf } from '@/workflow/transitions'

import type { Decision } from './decide'

/**
 * Appends a decision that was taken to review-records, in the request's transaction, with the
 * version it applies to and the fingerprint of what it was about (for an approval, what was signed).
 */
export const recordDecision = async ({
  req,
  articleId,
  title,
  decision,
  note,
  actorName,
}: {
  req: PayloadRequest
  articleId: number | string
  title: string | null | undefined
  decision: Decision
  note?: string
  /** For a decision Signoff takes itself (no person on the request): who to name. */
  actorName?: string
}): Promise<void> => {
  const { article, result, at } = decision
  if (!result.ok) {
    return
  }
  const { docs: versions } = await req.payload.findVersions({
    collection: 'articles',
    where: { parent: { equals: articleId } },
    sort: '-updatedAt',
    limit: 1,
    // The newest version is all it needs: no count of the others.
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const user = req.user as User | null
  const isApproval = result.action === 'approve' || result.action === 'reaffirm'
  const attestation = isApproval
    ? ((await req.payload.findGlobal({ slug: 'publisher', depth: 0, overrideAccess: true, req }))
        .attestation ?? DEFAULT_ATTESTATION)
    : null
  await req.payload.create({
    collection: 'review-records',
    overrideAccess: true,
    // Nothing reads the record back: without it Payload populates the article, its people and
    // sources (depth 2) only to return them.
    depth: 0,
    req,
    data: {
      article: articleId as number,
      articleTitle: title ?? null,
      versionId: versions[0] ? String(versions[0].id) : null,
      action: result.action,
      fromStage: article.stage,
      toStage: result.changes.stage,
      actor: (user?.id as number) ?? null,
      actorName: user?.name ?? actorName ?? null,
      note: note?.trim() || null,
      fingerprint: result.changes.approvedFingerprint ?? fingerprintOf(article),
      at: at.toISOString(),
      articleWriter: (article.createdBy as number) ?? null,
      articleAuthor: (article.authorId as number) ?? null,
      attestation,
      // What the reviewer held when they signed; never the registration number itself.
      reviewerCredentials: isApproval
        ? {
            qualifications: decision.actor?.reviewer?.qualifications ?? null,
            verifiedUntil: decision.actor?.reviewer?.credentialsVerifiedUntil ?? null,
          }
        : undefined,
    },
  })
}
