/**
 * Who reaches the governance doors: the review records export, the retraction import and the
 * retraction list, through REST and GraphQL, for every role and for nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'governance-access-password'
const ROLES = ['anonymous', 'writer', 'reviewer', 'editor', 'admin'] as const
type Role = (typeof ROLES)[number]

let t: TestPayload
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
  await t.seedDemo(PASSWORD)
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
    const statuses: Partial<Record<Role, number>> = {}
    for (const role of ROLES) {
      const res = await t.rest('/retractions/import', {
        method: 'POST',
        body: upload(),
        ...as(role),
      })
      statuses[role] = res.status
    }
    expect(statuses).toEqual({
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
