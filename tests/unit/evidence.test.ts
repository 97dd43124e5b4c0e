import { describe, expect, it } from '@jest/globals'

import { evidenceChanges, evidenceOf } from '@/workflow/evidence'
import { contentFingerprint, legacyFingerprint } from '@/workflow/fingerprint'
import { reviewFlagsOf } from '@/workflow/reviewFlags'
import { editorialTransition, fingerprintOf } from '@/workflow/transitions'
import type { WorkflowArticle } from '@/workflow/transitions'

const hoy = {
  id: 1,
  title: 'The global burden of low back pain',
  authors: 'Hoy D, Bain C, Williams G, et al.',
  publisher: 'Arthritis & Rheumatism',
  year: 2012,
  url: null,
  doi: '10.1002/art.34347',
  pmid: '22231424',
  sourceType: 'systematic-review',
  updatedAt: '2026-01-01T00:00:00.000Z',
}
const image = {
  id: 7,
  sha256: 'a'.repeat(64),
  alt: 'A woman holding her lower back',
  url: '/api/media/file/back.png',
  filename: 'back.png',
  mimeType: 'image/png',
  width: 1200,
  height: 630,
}
const content = { title: 'Causes of Lower Back Spasms', sources: [1], heroImage: 7 }
const signed = evidenceOf({ sources: [hoy], heroImage: image })

describe('the approval fingerprint', () => {
  it('carries its scheme and covers the evidence: a changed citation or URL voids it', () => {
    const approved = contentFingerprint({ content, evidence: signed })
    expect(approved).toMatch(/^v2:[0-9a-f]{64}$/)
    const miracle = evidenceOf({
      sources: [{ ...hoy, title: 'Miracle cure', url: 'https://evil.example/buy' }],
      heroImage: image,
    })
    expect(contentFingerprint({ content, evidence: miracle })).not.toBe(approved)
    const tertiary = evidenceOf({ sources: [{ ...hoy, sourceType: 'tertiary' }], heroImage: image })
    expect(contentFingerprint({ content, evidence: tertiary })).not.toBe(approved)
  })

  it("covers the image's file and alt text, not how it is served", () => {
    const approved = contentFingerprint({ content, evidence: signed })
    const newFile = evidenceOf({ sources: [hoy], heroImage: { ...image, sha256: 'b'.repeat(64) } })
    const newAlt = evidenceOf({ sources: [hoy], heroImage: { ...image, alt: 'Something else' } })
    const resized = evidenceOf({ sources: [hoy], heroImage: { ...image, width: 600, url: '/x' } })
    expect(contentFingerprint({ content, evidence: newFile })).not.toBe(approved)
    expect(contentFingerprint({ content, evidence: newAlt })).not.toBe(approved)
    expect(contentFingerprint({ content, evidence: resized })).toBe(approved)
    // A source's bookkeeping (when it was saved) is not evidence either.
    const resaved = evidenceOf({ sources: [{ ...hoy, updatedAt: '2027-01-01' }], heroImage: image })
    expect(contentFingerprint({ content, evidence: resaved })).toBe(approved)
  })

  it('differs from the first scheme, which covered the text only', () => {
    expect(legacyFingerprint(content)).toMatch(/^[0-9a-f]{64}$/)
    expect(contentFingerprint({ content, evidence: signed })).not.toContain(
      legacyFingerprint(content),
    )
  })
})

describe('an approval', () => {
  const article: WorkflowArticle = {
    stage: 'in_review',
    createdBy: 'writer',
    authorId: null,
    authorUserId: null,
    medicalReviewerId: 'gina',
    medicalReviewerCredentialsUntil: '2099-01-01T00:00:00.000Z',
    publishedAt: null,
    approvedFingerprint: null,
    content,
    evidence: signed,
    publishCandidate: {
      title: content.title,
      slug: 'causes-of-lower-back-spasms',
      summary: 'Why backs spasm.',
      hasAuthor: true,
      hasMedicalReviewer: true,
      hasDisclaimer: true,
      sources: [{ title: hoy.title, sourceType: hoy.sourceType }],
      heroImage: { alt: image.alt },
    },
  }
  it('records the evidence it signed, and publish refuses once a source says something else', () => {
    const now = new Date('2026-12-01T00:00:00.000Z')
    const approved = editorialTransition({
      article,
      action: 'approve',
      actor: {
        id: 'r',
        roles: ['reviewer'],
        authorId: null,
        reviewer: { id: 'gina', credentialsVerifiedUntil: '2030-01-01' },
      },
      now,
      viewedFingerprint: fingerprintOf(article),
      isAttested: true,
    })
    if (!approved.ok) {
      throw new Error(JSON.stringify(approved.refusals))
    }
    expect(approved.changes.signedEvidence).toEqual(signed)
    const editor = { id: 'e', roles: ['editor' as const], authorId: null, reviewer: null }
    const changed = evidenceOf({
      sources: [{ ...hoy, url: 'https://evil.example/buy' }],
      heroImage: image,
    })
    const publish = editorialTransition({
      article: {
        ...article,
        stage: 'approved',
        approvedFingerprint: approved.changes.approvedFingerprint ?? null,
        evidence: changed,
      },
      action: 'publish',
      actor: editor,
      now,
    })
    expect(publish).toEqual({
      ok: false,
      refusals: [expect.objectContaining({ code: 'CONTENT_CHANGED_SINCE_APPROVAL' })],
    })
  })
})

describe('review flags of a live article', () => {
  const candidate = {
    title: 'T',
    slug: 't',
    summary: 'S',
    body: [],
    hasAuthor: true,
    hasMedicalReviewer: true,
    hasDisclaimer: true,
    sources: [{ title: hoy.title, sourceType: hoy.sourceType }],
    heroImage: { alt: image.alt },
  }
  it('say which evidence changed since the sign-off, in words an editor reads', () => {
    const current = evidenceOf({
      sources: [{ ...hoy, title: 'Miracle cure', url: 'https://evil.example/buy' }],
      heroImage: { ...image, sha256: 'c'.repeat(64) },
    })
    expect(evidenceChanges({ signed, current })).toEqual([
      'Source [1] (The global burden of low back pain): title, url changed',
      'Hero image: file changed',
    ])
    const flags = reviewFlagsOf({ signed, current, candidate })
    expect(flags.map((flag) => flag.code)).toEqual(['EVIDENCE_CHANGED'])
  })

  it('flag a source that became tertiary under the publish rules too, and nothing when all is as signed', () => {
    const current = evidenceOf({ sources: [{ ...hoy, sourceType: 'tertiary' }], heroImage: image })
    const flags = reviewFlagsOf({
      signed,
      current,
      candidate: { ...candidate, sources: [{ title: hoy.title, sourceType: 'tertiary' }] },
    })
    expect(flags.map((flag) => flag.code)).toEqual(['EVIDENCE_CHANGED', 'PUBLISH_RULES_FAILED'])
    expect(reviewFlagsOf({ signed, current: signed, candidate })).toEqual([])
  })
})
