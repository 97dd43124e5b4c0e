/**
 * Payload's admin looks related documents up by id, up to 250 at a time (a list's relationship
 * columns, a relationship or upload field's values). Those lists are served with `limit` up to
 * 250, through the whole HTTP stack; every other list stays at pages of 100, GraphQL included.
 */
import type { Server } from 'node:http'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import request from 'supertest'

import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'related-lookups-password'
const NAMES = ['Eddie Editor', 'Nikita Mistry']
const LIMIT_REFUSED = /from 1 to 100, or up to 250 when asking for at most 250 documents by id/
const isMongo = /^mongodb/.test(process.env.TEST_DATABASE_URI ?? '')
const itOnMongo = isMongo ? it : it.skip

let t: TestPayload
let server: Server
let editorToken = ''
let userIds: (number | string)[] = []
let heroImageId: number | string = 0

/** Ids of documents that do not exist, in the database's id type. */
const missingIds = (count: number): (number | string)[] =>
  Array.from({ length: count }, (_, i) =>
    t.payload.db.defaultIDType === 'number'
      ? 1_000_000 + i
      : (i + 1).toString(16).padStart(24, 'f'),
  )

/** The seeded people's ids, then missing ones up to `count`. */
const idsOfPeople = (count: number) => [...userIds, ...missingIds(count - userIds.length)]

/** A request from the signed-in editor's browser: the session cookie, from the admin's origin. */
const asEditor = (sent: request.Test) =>
  sent
    .set('Cookie', `payload-token=${editorToken}`)
    .set('Sec-Fetch-Site', 'same-origin')
    .set('Accept-Language', 'en')

/**
 * What @payloadcms/ui's elements/Table/RelationshipProvider sends for a list's relationship
 * columns: a GET with `where[id][in]` joined by commas, then `&` and an empty `select`.
 */
const listCellLookup = (slug: string, ids: (number | string)[], limit = '250') => {
  const params = new URLSearchParams()
  params.append('depth', '0')
  params.append('draft', 'true')
  params.append('limit', limit)
  params.append('where[id][in]', ids.map(String).join(','))
  return asEditor(request(server).get(`/api/${slug}?${params.toString()}&`))
}

/** `key=value` as qs-esm encodes it: brackets escaped. */
const pair = (key: string, value: string | number) =>
  `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`

/**
 * What fields/Relationship/Input.js (`where[id][in]`, a `select` of the title) and
 * fields/Upload/Input.js (`where[and][0][id][in]`) send for a field's values: a search in a form
 * body, with `limit` set to the number of ids.
 */
const fieldValueLookup = ({
  slug,
  ids,
  limit = ids.length,
  where = 'where[id][in]',
  select,
}: {
  slug: string
  ids: (number | string)[]
  limit?: number
  where?: string
  select?: string
}) => {
  const body = [
    pair('depth', 0),
    pair('draft', 'true'),
    pair('limit', limit),
    ...(select ? [pair(`select[${select}]`, 'true')] : []),
    ...ids.map((id, i) => pair(`${where}[${i}]`, id)),
  ].join('&')
  return asEditor(
    request(server)
      .post(`/api/${slug}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .set('X-Payload-HTTP-Method-Override', 'GET'),
  ).send(body)
}

const namesIn = (res: request.Response) =>
  ((res.body as { docs?: { name?: string }[] }).docs ?? []).map((doc) => doc.name).sort()

const expectRefused = (res: request.Response) => {
  expect({ status: res.status, message: res.body?.errors?.[0]?.message }).toEqual({
    status: 400,
    message: expect.stringMatching(LIMIT_REFUSED),
  })
}

type GraphqlAnswer = {
  data?: { Users?: { docs: { name: string }[] } | null }
  errors?: { message: string; extensions?: { statusCode?: number } }[]
}

const graphqlUsers = async (args: string): Promise<GraphqlAnswer> =>
  (
    await request(server)
      .post('/api/graphql')
      .set('authorization', `JWT ${editorToken}`)
      .send({ query: `{ Users(${args}) { docs { name } } }` })
  ).body as GraphqlAnswer

const graphqlIds = (ids: (number | string)[]) => `[${ids.map((id) => JSON.stringify(id)).join()}]`

beforeAll(async () => {
  t = await startTestPayload()
  await t.seedDemo(PASSWORD)
  editorToken = await t.logIn('editor@example.com', PASSWORD)
  const people = await t.payload.find({
    collection: 'users',
    where: { name: { in: NAMES } },
    depth: 0,
  })
  userIds = people.docs.map((user) => user.id)
  const media = await t.payload.find({ collection: 'media', limit: 1, depth: 0 })
  heroImageId = media.docs[0]?.id ?? 0
  const app = t.app()
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
}, 60_000)

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
  await t?.close()
})

describe("the admin's related-document lookups", () => {
  it('labels people by name', () => {
    expect(t.payload.collections.users.config.admin.useAsTitle).toBe('name')
  })

  it("serves a list's relationship column: people's names, not their ids", async () => {
    expect(userIds).toHaveLength(2)
    const res = await listCellLookup('users', userIds)
    expect(res.status).toBe(200)
    expect(namesIn(res)).toEqual(NAMES)
  })

  it('serves 250 ids in one lookup, and refuses 251', async () => {
    const res = await listCellLookup('users', idsOfPeople(250))
    expect(res.status).toBe(200)
    expect(namesIn(res)).toEqual(NAMES)
    expectRefused(await listCellLookup('users', idsOfPeople(251)))
  })

  it("serves a relationship field's values sent as a form body, more than 100 of them", async () => {
    const res = await fieldValueLookup({ slug: 'users', ids: idsOfPeople(120), select: 'name' })
    expect(res.status).toBe(200)
    expect(namesIn(res)).toEqual(NAMES)
    const all = await fieldValueLookup({ slug: 'users', ids: idsOfPeople(250), select: 'name' })
    expect(namesIn(all)).toEqual(NAMES)
  })

  it("serves an upload field's values, asked for inside `and`", async () => {
    const res = await fieldValueLookup({
      slug: 'media',
      ids: [heroImageId, ...missingIds(119)],
      where: 'where[and][0][id][in]',
    })
    expect(res.status).toBe(200)
    expect((res.body as { docs: { id: unknown }[] }).docs.map((doc) => doc.id)).toEqual([
      heroImageId,
    ])
  })
})

describe('other lists stay at pages of 100', () => {
  it('refuses limit=250 without an id list, in the query string and in a form body', async () => {
    expectRefused(await asEditor(request(server).get('/api/users?limit=250')))
    expectRefused(await fieldValueLookup({ slug: 'users', ids: [], limit: 250 }))
  })

  it('refuses 251 ids with limit=250, in a form body too', async () => {
    expectRefused(await fieldValueLookup({ slug: 'users', ids: idsOfPeople(251), limit: 250 }))
    expectRefused(await fieldValueLookup({ slug: 'users', ids: idsOfPeople(10), limit: 251 }))
  })

  it('refuses limit=250 when the id list is not all the query asks', async () => {
    const ids = userIds.join(',')
    for (const path of [
      `/api/users?limit=250&where[id][in]=${ids}&where[name][like]=e`,
      `/api/users?limit=250&where[or][0][id][in]=${ids}`,
      `/api/users?limit=250&where[id][not_in]=${ids}`,
      `/api/articles?limit=250&where[and][0][id][in]=1&where[and][1][title][like]=a`,
    ]) {
      expectRefused(await asEditor(request(server).get(path)))
    }
  })
})

describe('GraphQL', () => {
  it('refuses limit: 250 to a list that does not name its documents by id', async () => {
    for (const args of ['limit: 250', 'where: { name: { like: "e" } }, limit: 250']) {
      const { errors } = await graphqlUsers(args)
      expect(errors?.[0]?.message).toMatch(LIMIT_REFUSED)
      expect(errors?.[0]?.extensions?.statusCode).toBe(400)
    }
  })

  // Payload's schema offers `in` on ids only when they are text (MongoDB), not SQLite's numbers.
  itOnMongo('serves up to 250 documents asked for by id, and refuses 251', async () => {
    const served = await graphqlUsers(
      `where: { id: { in: ${graphqlIds(idsOfPeople(250))} } }, limit: 250`,
    )
    expect(served.errors).toBeUndefined()
    expect(served.data?.Users?.docs.map((doc) => doc.name).sort()).toEqual(NAMES)
    const { errors } = await graphqlUsers(
      `where: { id: { in: ${graphqlIds(idsOfPeople(251))} } }, limit: 250`,
    )
    expect(errors?.[0]?.message).toMatch(LIMIT_REFUSED)
    expect(errors?.[0]?.extensions?.statusCode).toBe(400)
  })
})
