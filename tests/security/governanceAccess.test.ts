/**
 * Who reaches the governance doors: the review records export, the retraction import and the
 * retraction list, re-review and review intervals, scheduled decisions, through REST and GraphQL,
 * for every role and for nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'governance-access-password'
const ROLES = ['anonymous', 'writer', 'reviewer', 'editor', 'admin'] as const
type Role = (typeof ROLES)[number]

let t: TestPayload
let seedId: number
const tokens: Partial<Record<Role, string>> = {}
const HEADER = 'OriginalPaperDOI,OriginalPaperPubMedID,RetractionDate,RetractionNature'

const as = (role: Role) => (tokens[role] ? { token: tokens[role] } : {})

const upload = () => {
  const form = new FormData()
  const csv = `${HEADER}\n10.7777/access-test,,1/2/2026 0:00,Retraction\n`
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'retractions.csv')
  return form
}

beforeAll(async () => {
  t = await startTestPayload()
  seedId = await t.seedDemo(PASSWORD)
  for (const role of ROLES.filter((r) => r !== 'anonymous')) {
    tokens[role] = await t.logIn(`${role}@example.com`, PASSWORD)
  }
}, 60_000)

afterAll(async () => {
  await t?.close()
})

const matrix = async (request: (role: Role) => Promise<Response>) =>
  Object.fromEntries(
    await Promise.all(ROLES.map(async (role) => [role, (await request(role)).status] as const)),
  )

/** The status each role gets, one role after another: for requests that change something. */
const matrixInTurn = async (request: (role: Role) => Promise<Response>) => {
  const statuses: Partial<Record<Role, number>> = {}
  for (const role of ROLES) {
    statuses[role] = (await request(role)).status
  }
  return statuses
}

describe('the governance doors', () => {
  it('GET /api/review-records/export: editors and admins', async () => {
    expect(await matrix((role) => t.rest('/review-records/export?format=json', as(role)))).toEqual({
      anonymous: 401,
      writer: 403,
      reviewer: 403,
      editor: 200,
      admin: 200,
    })
  })

  it('POST /api/retractions/import: admins', async () => {
    expect(
      await matrixInTurn((role) =>
        t.rest('/retractions/import', {
          method: 'POST',
          body: upload(),
          ...as(role),
        }),
      ),
    ).toEqual({
      anonymous: 401,
      writer: 403,
      reviewer: 403,
      editor: 403,
      admin: 200,
    })
  })

  it('the retraction list: read by editors and admins, written by nobody through the API', async () => {
    expect(await matrix((role) => t.rest('/retractions?limit=1', as(role)))).toEqual({
      anonymous: 403,
      writer: 403,
      reviewer: 403,
      editor: 200,
      admin: 200,
    })
    const { docs } = await t.payload.find({ collection: 'retractions', limit: 1 })
    const id = docs[0]?.id
    expect(id).toBeDefined()
    for (const role of ROLES) {
      const created = await t.rest('/retractions', {
        method: 'POST',
        json: { key: `x-${role}`, doi: '10.1/x', retractionNature: 'Retraction' },
        ...as(role),
      })
      const changed = await t.rest(`/retractions/${id}`, {
        method: 'PATCH',
        json: { retractionNature: 'Correction' },
        ...as(role),
      })
      expect({ role, created: created.status, changed: changed.status }).toEqual({
        role,
        created: 403,
        changed: 403,
      })
    }
    const gql = await t.graphql('{ Retractions { docs { doi } } }', tokens.writer)
    expect(gql.data?.Retractions ?? null).toBeNull()
    const editorGql = await t.graphql('{ Retractions { docs { doi } } }', tokens.editor)
    expect(JSON.stringify(editorGql.data)).toContain('10.7777/access-test')
  })

  it('review records: hashes cannot be written through any door', async () => {
    const res = await t.rest('/review-records', {
      method: 'POST',
      json: { article: 1, action: 'approve', at: new Date().toISOString(), hash: 'f'.repeat(64) },
      ...as('admin'),
    })
    expect(res.status).toBe(403)
  })
})

describe('re-review and review intervals', () => {
  it('GET /api/articles/re-review-queue: editors and admins', async () => {
    expect(await matrix((role) => t.rest('/articles/re-review-queue', as(role)))).toEqual({
      anonymous: 401,
      writer: 403,
      reviewer: 403,
      editor: 200,
      admin: 200,
    })
  })

  it('POST /api/articles/re-review (bulk): editors and admins', async () => {
    expect(
      await matrixInTurn((role) =>
        t.rest('/articles/re-review', {
          method: 'POST',
          json: { ids: [seedId], note: `asked by ${role}` },
          ...as(role),
        }),
      ),
    ).toEqual({
      anonymous: 401,
      writer: 403,
      reviewer: 403,
      editor: 200,
      admin: 200,
    })
  })

  it("POST /api/articles/:id/review-interval: editors, admins and the article's reviewer", async () => {
    expect(
      await matrixInTurn((role) =>
        t.rest(`/articles/${seedId}/review-interval`, {
          method: 'POST',
          json: { months: 12 },
          ...as(role),
        }),
      ),
    ).toEqual({
      anonymous: 401,
      writer: 403,
      reviewer: 200,
      editor: 200,
      admin: 200,
    })
  })
})

describe('scheduled decisions', () => {
  it('publish at a time, and cancel it: editors and admins', async () => {
    const article = await t.publishLikeSeed({
      title: 'Scheduled by whom',
      until: 'approved',
      tokens: { writer: tokens.writer!, reviewer: tokens.reviewer!, editor: tokens.editor! },
    })
    const at = new Date(Date.now() + 3_600_000).toISOString()
    const scheduled: Partial<Record<Role, number>> = {}
    const cancelled: Partial<Record<Role, number>> = {}
    for (const role of ROLES) {
      const res = await t.rest(`/articles/${article.id}/workflow`, {
        method: 'POST',
        json: { action: 'publish', at },
        ...as(role),
      })
      scheduled[role] = res.status
      if (res.status === 202) {
        const { schedule } = (await res.json()) as { schedule: { id: number } }
        // Nobody else may cancel it; its own role may.
        for (const other of ROLES.filter((r) => r !== 'editor' && r !== 'admin')) {
          const refused = await t.rest(`/scheduled-actions/${schedule.id}/cancel`, {
            method: 'POST',
            ...as(other),
          })
          expect({ other, status: refused.status }).toEqual({
            other,
            status: other === 'anonymous' ? 401 : 404,
          })
        }
        cancelled[role] = (
          await t.rest(`/scheduled-actions/${schedule.id}/cancel`, { method: 'POST', ...as(role) })
        ).status
      }
    }
    expect(scheduled).toEqual({
      anonymous: 401,
      writer: 403,
      reviewer: 403,
      editor: 202,
      admin: 202,
    })
    expect(cancelled).toEqual({ editor: 200, admin: 200 })
  })

  it('the list: read by editors and admins (REST and GraphQL), written by nobody', async () => {
    expect(await matrix((role) => t.rest('/scheduled-actions?limit=1', as(role)))).toEqual({
      anonymous: 403,
      writer: 403,
      reviewer: 403,
      editor: 200,
      admin: 200,
    })
    const { docs } = await t.payload.find({ collection: 'scheduled-actions', limit: 1 })
    const first = docs[0]
    expect(first).toBeDefined()
    for (const role of ROLES) {
      const created = await t.rest('/scheduled-actions', {
        method: 'POST',
        json: {
          article: seedId,
          action: 'archive',
          at: new Date(Date.now() + 60_000).toISOString(),
        },
        ...as(role),
      })
      const changed = await t.rest(`/scheduled-actions/${first?.id}`, {
        method: 'PATCH',
        json: { status: 'scheduled' },
        ...as(role),
      })
      const deleted = await t.rest(`/scheduled-actions/${first?.id}`, {
        method: 'DELETE',
        ...as(role),
      })
      expect({
        role,
        created: created.status,
        changed: changed.status,
        deleted: deleted.status,
      }).toEqual({
        role,
        created: 403,
        changed: 403,
        deleted: 403,
      })
    }
    const query = '{ ScheduledActions { docs { action status } } }'
    expect((await t.graphql(query, tokens.writer)).data?.ScheduledActions ?? null).toBeNull()
    expect(JSON.stringify((await t.graphql(query, tokens.editor)).data)).toContain('cancelled')
    expect(await t.payload.count({ collection: 'scheduled-actions' })).toEqual({ totalDocs: 2 })
  })
})
