/**
 * Matrix rows for need-to-know fields (who reads and filters on them, through REST and GraphQL) and
 * for changing sources and images by owner and by use. One table of expected outcomes, printed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article, Media, Source } from '@payload-types'
import { placeholderPng } from '@/seed/placeholderImage'
import { reportTried } from '../helpers/securitySummary'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'
import { contentOf } from '../helpers/articleContent'

const PASSWORD = 'field-access-password'
const ROLES = [
  'anonymous',
  'writer',
  'otherWriter',
  'reviewer',
  'otherReviewer',
  'editor',
  'admin',
] as const
type Role = (typeof ROLES)[number]
const ACCOUNTS: Record<Exclude<Role, 'anonymous'>, string> = {
  writer: 'writer@example.com',
  otherWriter: 'writer2@example.com',
  reviewer: 'reviewer@example.com',
  otherReviewer: 'reviewer2@example.com',
  editor: 'editor@example.com',
  admin: 'admin@example.com',
}

const SIGNED_IN: Role[] = ROLES.filter((role) => role !== 'anonymous')

/** Who reads each need-to-know field. `writer` is the seed article's author, `reviewer` its reviewer. */
const READS: Record<string, Role[]> = {
  'articles.createdBy': SIGNED_IN,
  'articles.approvedFingerprint': SIGNED_IN,
  'articles.signedEvidence': SIGNED_IN,
  'medical-reviewers.registrationNumber': ['reviewer', 'editor', 'admin'],
  'medical-reviewers.user': ['reviewer', 'editor', 'admin'],
  'authors.user': ['writer', 'editor', 'admin'],
}

/**
 * GraphQL populates relationships: an account shows only to those who may read accounts (editors,
 * admins, the account itself), so a writer's id in `createdBy` reaches fewer people there.
 */
const GRAPHQL_READS: Partial<Record<string, Role[]>> = {
  'articles.createdBy': ['writer', 'editor', 'admin'],
}

/** Who may change a source or an image, by whose it is and what cites it. */
const CHANGES: Record<string, Role[]> = {
  'source, own, cited by nothing reviewed': ['writer', 'editor', 'admin'],
  'source, own, cited by an article in review': ['editor', 'admin'],
  "source, another's, cited by a live article": ['editor', 'admin'],
  'image alt text, own, shown by nothing reviewed': ['writer', 'editor', 'admin'],
  'image alt text, shown by a live article': ['editor', 'admin'],
  'image file, shown by a live article': [],
}

let t: TestPayload
const tokens: Partial<Record<Role, string>> = {}
let seed: Article
/** A live article the writer created (the seed was imported by nobody). */
let written: Article
const cells: { row: string; role: Role; door: string; ok: boolean; expected: boolean }[] = []

const rest = (path: string, role: Role, init: RequestInit & { json?: unknown } = {}) =>
  t.rest(path, { ...init, ...(tokens[role] ? { token: tokens[role] } : {}) })

const gql = (query: string, role: Role) => t.graphql(query, tokens[role])

const record = (row: string, role: Role, door: string, ok: boolean, expected: boolean) => {
  cells.push({ row, role, door, ok, expected })
}

beforeAll(async () => {
  t = await startTestPayload()
  const seedId = await t.seedDemo(PASSWORD)
  await t.addAccount({
    name: 'Other Writer',
    email: ACCOUNTS.otherWriter,
    password: PASSWORD,
    roles: ['writer'],
  })
  await t.addAccount({
    name: 'Other Reviewer',
    email: ACCOUNTS.otherReviewer,
    password: PASSWORD,
    roles: ['reviewer'],
  })
  for (const role of SIGNED_IN) {
    tokens[role] = await t.logIn(ACCOUNTS[role as Exclude<Role, 'anonymous'>], PASSWORD)
  }
  seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
  await t.payload.update({
    collection: 'medical-reviewers',
    id: seed.medicalReviewer as number,
    data: { registrationNumber: 'MED0001234567' },
  })
  const { id } = await t.publishLikeSeed({
    title: 'Stretches for lower back spasms',
    tokens: tokens as Record<'writer' | 'reviewer' | 'editor', string>,
  })
  written = await t.payload.findByID({ collection: 'articles', id, depth: 0 })
}, 60_000)

afterAll(async () => {
  await t?.close()
})

describe('need-to-know fields', () => {
  it('are read only by those who need them, through REST and GraphQL', async () => {
    const from = cells.length
    const docs: Record<string, number> = {
      articles: written.id,
      'medical-reviewers': seed.medicalReviewer as number,
      authors: seed.author as number,
    }
    const graphqlType: Record<string, string> = {
      articles: 'Article',
      'medical-reviewers': 'MedicalReviewer',
      authors: 'Author',
    }
    for (const [row, readers] of Object.entries(READS)) {
      const [collection, field] = row.split('.') as [string, string]
      for (const role of ROLES) {
        const res = await rest(`/${collection}/${docs[collection]}?depth=0`, role)
        const body = (await res.json()) as Record<string, unknown>
        const expected = readers.includes(role)
        record(row, role, 'rest', body[field] !== undefined && body[field] !== null, expected)
        const selection = field === 'createdBy' || field === 'user' ? `${field} { id }` : field
        const answer = await gql(
          `{ ${graphqlType[collection]}(id: ${docs[collection]}) { ${selection} } }`,
          role,
        )
        const value = (
          answer.data?.[graphqlType[collection] as string] as Record<string, unknown> | null
        )?.[field]
        const graphqlReaders = GRAPHQL_READS[row] ?? readers
        record(
          row,
          role,
          'graphql',
          value !== undefined && value !== null,
          graphqlReaders.includes(role),
        )
      }
    }
    const wrong = cells.slice(from).filter((c) => c.ok !== c.expected)
    expect(wrong).toEqual([])
  })

  it('cannot be filtered on anonymously: the query is refused, not answered', async () => {
    for (const field of ['createdBy', 'approvedFingerprint']) {
      const value = field === 'createdBy' ? (seed.createdBy ?? 1) : seed.approvedFingerprint
      const path = `/articles?depth=0&where[${field}][equals]=${encodeURIComponent(String(value))}`
      const anonymous = await rest(path, 'anonymous')
      record(`filter on articles.${field}`, 'anonymous', 'rest', anonymous.status === 200, false)
      expect(anonymous.status).toBeGreaterThanOrEqual(400)
      expect(anonymous.status).toBeLessThan(500)
      const editor = await rest(path, 'editor')
      record(`filter on articles.${field}`, 'editor', 'rest', editor.status === 200, true)
      expect(editor.status).toBe(200)
    }
  })
})

describe('sources and images, by owner and by use', () => {
  const source = async (title: string, role: Role): Promise<Source> => {
    const created = await t.rest('/sources', {
      method: 'POST',
      token: tokens[role],
      json: { title, url: 'https://example.org/study', sourceType: 'peer-reviewed-study' },
    })
    return ((await created.json()) as { doc: Source }).doc
  }

  const image = async (alt: string, role: Role): Promise<Media> => {
    const form = new FormData()
    const png = placeholderPng({ width: 4, height: 4, rgb: [10, 20, 30] })
    form.append(
      'file',
      new Blob([new Uint8Array(png)], { type: 'image/png' }),
      `${alt.replace(/\W+/g, '-')}.png`,
    )
    form.append('_payload', JSON.stringify({ alt }))
    const created = await t.rest('/media', { method: 'POST', token: tokens[role], body: form })
    return ((await created.json()) as { doc: Media }).doc
  }

  it('change only as the table says, and a refusal changes nothing', async () => {
    const from = cells.length
    const inReview = await source('Cited by an article in review', 'writer')
    const article = await t.rest('/articles?draft=true', {
      method: 'POST',
      token: tokens.writer,
      json: {
        ...contentOf(seed),
        title: 'In review with its own source',
        sources: [inReview.id, ...((seed.sources as number[]) ?? [])],
      },
    })
    const { doc } = (await article.json()) as { doc: Article }
    await t.rest(`/articles/${doc.id}/workflow`, {
      method: 'POST',
      token: tokens.writer,
      json: { action: 'submit' },
    })

    const targets: Record<string, () => Promise<{ path: string; body: () => RequestInit }>> = {
      'source, own, cited by nothing reviewed': async () => {
        const own = await source('Unused', 'writer')
        return {
          path: `/sources/${own.id}`,
          body: () => ({
            method: 'PATCH',
            body: JSON.stringify({ year: 2020 }),
            headers: { 'content-type': 'application/json' },
          }),
        }
      },
      'source, own, cited by an article in review': async () => ({
        path: `/sources/${inReview.id}`,
        body: () => ({
          method: 'PATCH',
          body: JSON.stringify({ year: 2021 }),
          headers: { 'content-type': 'application/json' },
        }),
      }),
      "source, another's, cited by a live article": async () => ({
        path: `/sources/${(seed.sources as number[])[0]}`,
        body: () => ({
          method: 'PATCH',
          body: JSON.stringify({ year: 2012 }),
          headers: { 'content-type': 'application/json' },
        }),
      }),
      'image alt text, own, shown by nothing reviewed': async () => {
        const own = await image('Unused image', 'writer')
        return {
          path: `/media/${own.id}`,
          body: () => ({
            method: 'PATCH',
            body: JSON.stringify({ alt: 'Unused image, described' }),
            headers: { 'content-type': 'application/json' },
          }),
        }
      },
      'image alt text, shown by a live article': async () => ({
        path: `/media/${seed.heroImage}`,
        body: () => ({
          method: 'PATCH',
          body: JSON.stringify({ alt: 'A woman with back pain' }),
          headers: { 'content-type': 'application/json' },
        }),
      }),
      'image file, shown by a live article': async () => ({
        path: `/media/${seed.heroImage}`,
        body: () => {
          const form = new FormData()
          const png = placeholderPng({ width: 4, height: 4, rgb: [200, 0, 0] })
          form.append(
            'file',
            new Blob([new Uint8Array(png)], { type: 'image/png' }),
            'replacement.png',
          )
          form.append('_payload', JSON.stringify({}))
          return { method: 'PATCH', body: form }
        },
      }),
    }
    for (const [row, allowed] of Object.entries(CHANGES)) {
      for (const role of ROLES) {
        // A fresh target per role: an allowed change must not make the next role's cell moot.
        const { path, body } = await targets[row]!()
        const [collection, id] = path.split('/').slice(1) as [string, string]
        const before = JSON.stringify(
          await t.payload.findByID({ collection: collection as 'sources', id, depth: 0 }),
        )
        const res = await rest(path, role, body())
        const after = JSON.stringify(
          await t.payload.findByID({ collection: collection as 'sources', id, depth: 0 }),
        )
        const ok = res.status === 200
        record(row, role, 'rest', ok, allowed.includes(role))
        if (!ok) {
          expect({ row, role, unchanged: after === before }).toEqual({ row, role, unchanged: true })
        }
      }
    }
    const wrong = cells.slice(from).filter((c) => c.ok !== c.expected)
    expect(wrong).toEqual([])
  })
})

describe("a person's notification settings", () => {
  it('are changed only by that person and admins, through REST and GraphQL', async () => {
    const from = cells.length
    const row = "users.notifications, the writer's"
    const changers: Role[] = ['writer', 'admin']
    const { docs } = await t.payload.find({
      collection: 'users',
      where: { email: { equals: ACCOUNTS.writer } },
      depth: 0,
    })
    const writer = docs[0] as { id: number }
    const setting = async () =>
      (await t.payload.findByID({ collection: 'users', id: writer.id, depth: 0 })).notifications
    for (const role of ROLES) {
      await t.payload.update({
        collection: 'users',
        id: writer.id,
        data: { notifications: { approved: true, digest: 'immediate' } },
      })
      const res = await rest(`/users/${writer.id}`, role, {
        method: 'PATCH',
        json: { notifications: { approved: false, digest: 'daily' } },
      })
      const changed = (await setting())?.approved === false
      record(row, role, 'rest', changed, changers.includes(role))
      if (!changers.includes(role)) {
        expect({ role, status: res.status < 400, changed }).toEqual({
          role,
          status: false,
          changed: false,
        })
      }
      await t.payload.update({
        collection: 'users',
        id: writer.id,
        data: { notifications: { approved: true, digest: 'immediate' } },
      })
      await gql(
        `mutation { updateUser(id: ${writer.id}, data: { notifications: { approved: false } }) { id } }`,
        role,
      )
      record(row, role, 'graphql', (await setting())?.approved === false, changers.includes(role))
    }
    const wrong = cells.slice(from).filter((c) => c.ok !== c.expected)
    expect(wrong).toEqual([])
  })
})

afterAll(() => {
  const rows = [...new Set(cells.map((c) => c.row))]
  const lines = rows.map((row) => {
    const marks = ROLES.map((role) => {
      const mine = cells.filter((c) => c.row === row && c.role === role)
      if (!mine.length) {
        return '  · '
      }
      return mine.every((c) => c.ok === c.expected) ? (mine[0]?.ok ? '  ✓ ' : '  ✗ ') : ' !! '
    })
    return `${row.padEnd(48)}${marks.join('')}`
  })
  console.log(
    [
      `Field and evidence access (✓ allowed, ✗ refused, !! unexpected)`,
      `${''.padEnd(48)}${ROLES.map((r) => r.slice(0, 4).padStart(4)).join('')}`,
      ...lines,
    ].join('\n'),
  )
  reportTried({
    what: 'field and evidence access cells',
    count: cells.length,
    unexpected: cells.filter((c) => c.ok !== c.expected).length,
  })
})
