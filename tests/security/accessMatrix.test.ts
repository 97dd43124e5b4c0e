/**
 * The access matrix: every door × role × operation × article state, checked against one table of
 * expected outcomes (EXPECTED below), and printed as a summary. The table is written by hand from
 * the security model in SECURITY.md; the code under test never reads it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Express } from 'express'
import request from 'supertest'

import type { Article, User } from '@payload-types'
import { createApp } from '@/server/app'
import { EDITORIAL_STAGES } from '@/workflow/stages'
import {
  EDITORIAL_ACTIONS,
  EDITORIAL_TRANSITIONS,
  LIVE_VERSION_ACTIONS,
} from '@/workflow/transitions'
import type { EditorialAction } from '@/workflow/transitions'
import { reportTried } from '../helpers/securitySummary'
import { contentOf } from '../helpers/articleContent'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'
import { decide } from '../helpers/decision'

const PASSWORD = 'access-matrix-password'

const ROLES = [
  'anonymous',
  'ownWriter',
  'otherWriter',
  'assignedReviewer',
  'otherReviewer',
  'editor',
  'admin',
] as const
type Role = (typeof ROLES)[number]

/** Every editorial stage, plus a live article whose newer draft is not published yet. */
const STATES = [...EDITORIAL_STAGES, 'live+draft'] as const
type State = (typeof STATES)[number]

type Door = 'rest' | 'graphql' | 'local' | 'delivery'
const PAYLOAD_DOORS: Door[] = ['rest', 'graphql', 'local']

// ---------------------------------------------------------------------------------------------
// The expected outcomes: one table.
// ---------------------------------------------------------------------------------------------

const ALL: readonly State[] = STATES
const LIVE: readonly State[] = ['published', 'live+draft']

/** Whose eyes may see an article's latest unpublished content, by state. Everyone sees LIVE. */
const SEES_DRAFT: Record<Role, readonly State[]> = {
  anonymous: [],
  ownWriter: ALL,
  otherWriter: [],
  assignedReviewer: ALL,
  otherReviewer: ['in_review'],
  editor: ALL,
  admin: ALL,
}

const EXPECTED = {
  seesDraft: SEES_DRAFT,
  /** Who may read an article's version history (every version, drafts included). */
  readsHistory: ['ownWriter', 'assignedReviewer', 'editor', 'admin'] as Role[],
  /** Who may read review records: all of them, or only those of their own articles. */
  readsRecords: {
    all: ['assignedReviewer', 'otherReviewer', 'editor', 'admin'],
    own: ['ownWriter'],
  },
  creates: ['ownWriter', 'otherWriter', 'editor', 'admin'] as Role[],
  /** Edits save a new draft; on a live article the live version stays as it is. */
  edits: {
    roles: ['ownWriter', 'editor', 'admin'] as Role[],
    // Content in review is what the reviewer reads: nobody edits it (withdraw it first).
    except: ['in_review'] as State[],
  },
  /** Review records are permanent, so only an article never submitted for review is deleted. */
  deletes: { roles: ['editor', 'admin'] as Role[], from: ['draft'] as State[] },
  /** Payload's Publish (`_status: 'published'`): only what a reviewer approved, only by editors. */
  publishes: { roles: ['editor', 'admin'] as Role[], from: ['approved'] as State[] },
  /** The workflow endpoint. A live article with a newer draft is at `draft` for the workflow. */
  actions: {
    submit: {
      draft: ['ownWriter', 'editor', 'admin'],
      changes_requested: ['ownWriter', 'editor', 'admin'],
      'live+draft': ['ownWriter', 'editor', 'admin'],
    },
    withdraw: { in_review: ['ownWriter', 'editor', 'admin'] },
    'request-changes': { in_review: ['assignedReviewer', 'otherReviewer'] },
    approve: { in_review: ['assignedReviewer'] },
    publish: { approved: ['editor', 'admin'] },
    archive: { published: ['editor', 'admin'] },
    restore: { archived: ['editor', 'admin'] },
    // On the live version, whatever draft is pending.
    'request-re-review': { published: ['editor', 'admin'], 'live+draft': ['editor', 'admin'] },
    reaffirm: { published: ['assignedReviewer'], 'live+draft': ['assignedReviewer'] },
  } satisfies Record<EditorialAction, Partial<Record<State, Role[]>>>,
  /** Review records: nobody creates, changes or deletes them through any door. */
  changesRecords: [] as Role[],
  /** Review comments (on the writer's article assigned to the reviewer, by that reviewer). */
  comments: {
    reads: ['ownWriter', 'assignedReviewer', 'editor', 'admin'] as Role[],
    startsThread: ['assignedReviewer', 'editor', 'admin'] as Role[],
    replies: ['ownWriter', 'assignedReviewer', 'editor', 'admin'] as Role[],
    resolves: ['ownWriter', 'assignedReviewer', 'editor', 'admin'] as Role[],
    /** Only its author changes a comment's words. */
    rewrites: ['assignedReviewer'] as Role[],
    /** A comment on a reviewed article is kept for good. */
    deletes: [] as Role[],
  },
}

const isLiveState = (state: State) => LIVE.includes(state)
const seesDraft = (role: Role, state: State) => EXPECTED.seesDraft[role].includes(state)

// ---------------------------------------------------------------------------------------------
// Fixtures: one article per state, written by `writer`, assigned to `reviewer`.
// ---------------------------------------------------------------------------------------------

type Fixture = { id: number; slug: string; state: State; title: string; liveTitle: string | null }

let t: TestPayload
let app: Express
const tokens: Partial<Record<Role, string>> = {}
const users: Partial<Record<Role, User & { collection: 'users' }>> = {}
let template: Partial<Article>
let counter = 0
const pool = new Map<State, Fixture>()
const everyFixture: Fixture[] = []

const ACCOUNTS: Record<Exclude<Role, 'anonymous'>, string> = {
  ownWriter: 'writer@example.com',
  otherWriter: 'writer2@example.com',
  assignedReviewer: 'reviewer@example.com',
  otherReviewer: 'reviewer2@example.com',
  editor: 'editor@example.com',
  admin: 'admin@example.com',
}

const workflow = async (id: number, role: Role, action: EditorialAction) =>
  decide({ rest: t.rest, id, token: tokens[role], action, note: 'Checked by the access matrix.' })

const step = async (id: number, role: Role, action: EditorialAction) => {
  const res = await workflow(id, role, action)
  if (res.status !== 200) {
    throw new Error(`fixture: ${action} as ${role} answered ${res.status} ${await res.text()}`)
  }
}

const PATHS: Record<State, [Role, EditorialAction][]> = {
  draft: [],
  in_review: [['ownWriter', 'submit']],
  changes_requested: [
    ['ownWriter', 'submit'],
    ['assignedReviewer', 'request-changes'],
  ],
  approved: [
    ['ownWriter', 'submit'],
    ['assignedReviewer', 'approve'],
  ],
  published: [
    ['ownWriter', 'submit'],
    ['assignedReviewer', 'approve'],
    ['editor', 'publish'],
  ],
  archived: [
    ['ownWriter', 'submit'],
    ['assignedReviewer', 'approve'],
    ['editor', 'publish'],
    ['editor', 'archive'],
  ],
  'live+draft': [
    ['ownWriter', 'submit'],
    ['assignedReviewer', 'approve'],
    ['editor', 'publish'],
  ],
}

const makeFixture = async (state: State): Promise<Fixture> => {
  counter += 1
  const title = `Matrix ${state} ${counter}`
  const slug = `matrix-${counter}`
  const created = await t.payload.create({
    collection: 'articles',
    data: { ...template, title, slug } as Article,
    user: users.ownWriter,
    overrideAccess: false,
  })
  for (const [role, action] of PATHS[state]) {
    await step(created.id, role, action)
  }
  let fixture: Fixture = {
    id: created.id,
    slug,
    state,
    title,
    liveTitle: isLiveState(state) ? title : null,
  }
  if (state === 'live+draft') {
    const draftTitle = `${title} (unreviewed draft)`
    const res = await t.rest(`/articles/${created.id}`, {
      method: 'PATCH',
      token: tokens.ownWriter,
      json: { title: draftTitle },
    })
    expect(res.status).toBe(200)
    fixture = { ...fixture, title: draftTitle }
  }
  everyFixture.push(fixture)
  return fixture
}

/** A fixture nobody has changed yet. */
const fixtureFor = async (state: State): Promise<Fixture> => {
  const existing = pool.get(state)
  if (existing) {
    return existing
  }
  const fresh = await makeFixture(state)
  pool.set(state, fresh)
  return fresh
}

/** Everything about the article, as trusted code sees it: any change shows up here. */
const snapshot = async (id: number): Promise<string> => {
  const main = await t.payload.findByID({
    collection: 'articles',
    id,
    depth: 0,
    disableErrors: true,
  })
  if (!main) {
    return 'deleted'
  }
  const latest = await t.payload.findByID({ collection: 'articles', id, depth: 0, draft: true })
  const versions = await t.payload.findVersions({
    collection: 'articles',
    where: { parent: { equals: id } },
    limit: 1,
  })
  const records = await t.payload.count({
    collection: 'review-records',
    where: { article: { equals: id } },
  })
  return JSON.stringify({ main, latest, versions: versions.totalDocs, records: records.totalDocs })
}

// ---------------------------------------------------------------------------------------------
// The doors.
// ---------------------------------------------------------------------------------------------

type Call = { ok: true; body: unknown } | { ok: false; status: number; message: string }

const viaRest = async (
  path: string,
  role: Role,
  init: { method?: string; json?: unknown } = {},
): Promise<Call> => {
  const res = await t.rest(path, { ...init, token: tokens[role] })
  const body = (await res.json()) as { errors?: { message: string }[] }
  return res.status < 300
    ? { ok: true, body }
    : { ok: false, status: res.status, message: body.errors?.[0]?.message ?? '' }
}

const viaGraphql = async (query: string, role: Role, field: string): Promise<Call> => {
  const res = await t.graphql(query, tokens[role])
  const error = res.errors?.[0]
  if (error || res.status >= 300) {
    const status =
      res.status >= 300 ? res.status : /internal|went wrong/i.test(error?.message ?? '') ? 500 : 400
    return { ok: false, status, message: error?.message ?? '' }
  }
  return { ok: true, body: res.data?.[field] }
}

const viaLocal = async (
  run: (user: User | undefined) => Promise<unknown>,
  role: Role,
): Promise<Call> => {
  try {
    return { ok: true, body: await run(users[role]) }
  } catch (error) {
    const status = (error as { status?: number }).status ?? 500
    return { ok: false, status, message: (error as Error).message }
  }
}

const local = { overrideAccess: false, depth: 0 } as const

const titleOf = (call: Call): string | null =>
  call.ok ? ((call.body as { title?: string } | null)?.title ?? null) : null

// ---------------------------------------------------------------------------------------------
// The operations: for each, what the table expects and what a door did.
// ---------------------------------------------------------------------------------------------

type Outcome = string
type Cell = {
  op: string
  door: Door
  role: Role
  state: State
  expected: Outcome
  observed: Outcome
}
const cells: Cell[] = []

/** 'L' the live version, 'D' the latest draft, '·' nothing. */
const shown = (fixture: Fixture, title: string | null): Outcome =>
  title === null
    ? '·'
    : title === fixture.liveTitle
      ? 'L'
      : title === fixture.title
        ? 'D'
        : `?${title}`

const expectedTitle = (role: Role, fixture: Fixture, draft: boolean): string | null => {
  if (seesDraft(role, fixture.state) && (draft || !isLiveState(fixture.state))) {
    return fixture.title
  }
  return isLiveState(fixture.state) ? fixture.liveTitle : null
}

/**
 * Payload lists `?draft=true` from each article's latest version. A live article whose latest
 * version is a draft the reader may not see is left out of such a list: never shown as the draft.
 */
const expectedListed = (role: Role, fixture: Fixture, draft: boolean): string | null =>
  draft && fixture.state === 'live+draft' && !seesDraft(role, fixture.state)
    ? null
    : expectedTitle(role, fixture, draft)

type ReadOp = {
  name: string
  doors: Door[]
  expect: (role: Role, fixture: Fixture) => Outcome
  observe: (door: Door, role: Role, fixture: Fixture) => Promise<Outcome>
}

const readOne = (draft: boolean): ReadOp => ({
  name: draft ? 'read ?draft=true' : 'read',
  doors: [...PAYLOAD_DOORS, 'delivery'],
  expect: (role, f) => shown(f, expectedTitle(role, f, draft)),
  observe: async (door, role, f) => {
    const d = draft ? 'true' : 'false'
    if (door === 'rest') {
      return shown(f, titleOf(await viaRest(`/articles/${f.id}?depth=0&draft=${d}`, role)))
    }
    if (door === 'graphql') {
      const call = await viaGraphql(
        `{ Article(id: ${f.id}, draft: ${d}) { title } }`,
        role,
        'Article',
      )
      return shown(f, titleOf(call))
    }
    if (door === 'local') {
      const call = await viaLocal(
        (user) => t.payload.findByID({ ...local, collection: 'articles', id: f.id, draft, user }),
        role,
      )
      return shown(f, titleOf(call))
    }
    const res = await request(app)
      .get(`/content/v1/articles/${f.slug}${draft ? '?draft=true' : ''}`)
      .set(tokens[role] ? { authorization: `JWT ${tokens[role]}` } : {})
    return shown(f, res.status === 200 ? (res.body as { title: string }).title : null)
  },
})

/**
 * Delivery ignores who is asking: it shows only what is live. Reading one article with
 * `?draft=true` is refused (400, an unknown parameter); its lists are read without it.
 */
const deliveryExpect = (op: ReadOp): ReadOp => ({
  ...op,
  expect: (role, f) =>
    shown(f, isLiveState(f.state) && op.name !== 'read ?draft=true' ? f.liveTitle : null),
})

const listed = (draft: boolean): ReadOp => ({
  name: draft ? 'list ?draft=true' : 'list',
  doors: [...PAYLOAD_DOORS, 'delivery'],
  expect: (role, f) => shown(f, expectedListed(role, f, draft)),
  observe: async (door, role, f) => {
    const pick = (docs: { id?: number; slug?: string; title: string }[] | undefined) =>
      shown(f, docs?.find((doc) => doc.id === f.id || doc.slug === f.slug)?.title ?? null)
    type Docs = { docs: { id: number; title: string }[] }
    if (door === 'rest') {
      const call = await viaRest(
        `/articles?depth=0&draft=${draft}&where[slug][equals]=${f.slug}`,
        role,
      )
      return pick(call.ok ? (call.body as Docs).docs : undefined)
    }
    if (door === 'graphql') {
      const call = await viaGraphql(
        `{ Articles(draft: ${draft}, where: { slug: { equals: "${f.slug}" } }) { docs { id title } } }`,
        role,
        'Articles',
      )
      return pick(call.ok ? (call.body as Docs).docs : undefined)
    }
    if (door === 'local') {
      const call = await viaLocal(
        (user) =>
          t.payload.find({
            ...local,
            collection: 'articles',
            draft,
            user,
            where: { slug: { equals: f.slug } },
          }),
        role,
      )
      return pick(call.ok ? (call.body as Docs).docs : undefined)
    }
    const res = await request(app)
      .get(`/content/v1/articles?q=${encodeURIComponent(f.liveTitle ?? f.title)}&limit=100`)
      .set(tokens[role] ? { authorization: `JWT ${tokens[role]}` } : {})
    return pick((res.body as { docs: { slug: string; title: string }[] }).docs)
  },
})

const counted: ReadOp = {
  name: 'count ?draft=true',
  doors: PAYLOAD_DOORS,
  expect: (role, f) => (expectedTitle(role, f, true) ? '1' : '0'),
  observe: async (door, role, f) => {
    type Count = { totalDocs: number }
    const n = (call: Call) => String(call.ok ? (call.body as Count).totalDocs : 0)
    if (door === 'rest') {
      return n(await viaRest(`/articles/count?draft=true&where[id][equals]=${f.id}`, role))
    }
    if (door === 'graphql') {
      return n(
        await viaGraphql(
          `{ countArticles(draft: true, where: { id: { equals: ${f.id} } }) { totalDocs } }`,
          role,
          'countArticles',
        ),
      )
    }
    return n(
      await viaLocal(
        (user) =>
          t.payload.count({
            collection: 'articles',
            overrideAccess: false,
            draft: true,
            user,
            where: { id: { equals: f.id } },
          } as never),
        role,
      ),
    )
  },
}

/** A query on the draft's own title: it must not find a draft the role may not see. */
const whereDraftTitle: ReadOp = {
  name: 'where title = draft title',
  doors: PAYLOAD_DOORS,
  expect: (role, f) =>
    seesDraft(role, f.state) || (isLiveState(f.state) && f.title === f.liveTitle) ? '1' : '0',
  observe: async (door, role, f) => {
    type Docs = { docs: unknown[] }
    const n = (call: Call) => String(call.ok ? (call.body as Docs).docs.length : 0)
    const title = JSON.stringify(f.title)
    if (door === 'rest') {
      return n(
        await viaRest(
          `/articles?draft=true&depth=0&where[title][equals]=${encodeURIComponent(f.title)}`,
          role,
        ),
      )
    }
    if (door === 'graphql') {
      return n(
        await viaGraphql(
          `{ Articles(draft: true, where: { title: { equals: ${title} } }) { docs { id } } }`,
          role,
          'Articles',
        ),
      )
    }
    return n(
      await viaLocal(
        (user) =>
          t.payload.find({
            ...local,
            collection: 'articles',
            draft: true,
            user,
            where: { title: { equals: f.title } },
          }),
        role,
      ),
    )
  },
}

const selected: ReadOp = {
  name: 'select title ?draft=true',
  doors: ['rest', 'local'],
  expect: (role, f) => shown(f, expectedTitle(role, f, true)),
  observe: async (door, role, f) => {
    if (door === 'rest') {
      return shown(
        f,
        titleOf(await viaRest(`/articles/${f.id}?draft=true&select[title]=true`, role)),
      )
    }
    return shown(
      f,
      titleOf(
        await viaLocal(
          (user) =>
            t.payload.findByID({
              ...local,
              collection: 'articles',
              id: f.id,
              draft: true,
              select: { title: true },
              user,
            }),
          role,
        ),
      ),
    )
  },
}

const versionCount = new Map<number, number>()
const totalVersions = async (f: Fixture) => {
  const known = versionCount.get(f.id)
  if (known !== undefined) {
    return known
  }
  const { totalDocs } = await t.payload.findVersions({
    collection: 'articles',
    where: { parent: { equals: f.id } },
    limit: 1,
  })
  versionCount.set(f.id, totalDocs)
  return totalDocs
}

const history: ReadOp = {
  name: 'versions',
  doors: PAYLOAD_DOORS,
  expect: (role) => (EXPECTED.readsHistory.includes(role) ? 'all' : 'none'),
  observe: async (door, role, f) => {
    type Docs = { docs: unknown[] }
    let call: Call
    if (door === 'rest') {
      call = await viaRest(
        `/articles/versions?depth=0&limit=100&where[parent][equals]=${f.id}`,
        role,
      )
    } else if (door === 'graphql') {
      call = await viaGraphql(
        `{ versionsArticles(limit: 100, where: { parent: { equals: ${f.id} } }) { docs { id } } }`,
        role,
        'versionsArticles',
      )
    } else {
      call = await viaLocal(
        (user) =>
          t.payload.findVersions({
            ...local,
            collection: 'articles',
            user,
            limit: 100,
            where: { parent: { equals: f.id } },
          }),
        role,
      )
    }
    const seen = call.ok ? (call.body as Docs).docs.length : 0
    const total = await totalVersions(f)
    return seen === 0 ? 'none' : seen === total ? 'all' : `${seen} of ${total}`
  },
}

const latestVersionId = async (f: Fixture) =>
  (
    await t.payload.findVersions({
      collection: 'articles',
      where: { parent: { equals: f.id } },
      sort: '-updatedAt',
      limit: 1,
    })
  ).docs[0]?.id

const versionById: ReadOp = {
  name: 'version by id (latest)',
  doors: PAYLOAD_DOORS,
  expect: (role) => (EXPECTED.readsHistory.includes(role) ? 'D' : '·'),
  observe: async (door, role, f) => {
    const id = await latestVersionId(f)
    type Version = { version?: { title?: string } }
    let call: Call
    if (door === 'rest') {
      call = await viaRest(`/articles/versions/${id}?depth=0`, role)
    } else if (door === 'graphql') {
      call = await viaGraphql(
        `{ versionArticle(id: ${id}) { version { title } } }`,
        role,
        'versionArticle',
      )
    } else {
      call = await viaLocal(
        (user) =>
          t.payload.findVersionByID({ ...local, collection: 'articles', id: String(id), user }),
        role,
      )
    }
    const title = call.ok ? ((call.body as Version | null)?.version?.title ?? null) : null
    return title === null ? '·' : title === f.title ? 'D' : `?${title}`
  },
}

/** Review records point at articles: populating them must not reveal what the reader may not see. */
const populated: ReadOp = {
  name: 'review-records depth=2 ?draft=true',
  doors: PAYLOAD_DOORS,
  expect: (role, f) => {
    const readsRecord =
      EXPECTED.readsRecords.all.includes(role) || EXPECTED.readsRecords.own.includes(role)
    // Only decisions make records: an article never submitted has none.
    const hasRecords = PATHS[f.state].length > 0
    return readsRecord && hasRecords ? shown(f, expectedListed(role, f, true)) : 'no records'
  },
  observe: async (door, role, f) => {
    type Records = { docs: { article: number | { title?: string } | null }[] }
    let call: Call
    if (door === 'rest') {
      call = await viaRest(
        `/review-records?depth=2&draft=true&limit=100&where[article][equals]=${f.id}`,
        role,
      )
    } else if (door === 'graphql') {
      call = await viaGraphql(
        `{ ReviewRecords(draft: true, limit: 100, where: { article: { equals: ${f.id} } }) { docs { article { title } } } }`,
        role,
        'ReviewRecords',
      )
    } else {
      call = await viaLocal(
        (user) =>
          t.payload.find({
            ...local,
            depth: 2,
            draft: true,
            collection: 'review-records',
            user,
            limit: 100,
            where: { article: { equals: f.id } },
          }),
        role,
      )
    }
    const docs = call.ok ? (call.body as Records).docs : []
    if (docs.length === 0) {
      return 'no records'
    }
    const titles = new Set(
      docs.map((doc) =>
        doc.article && typeof doc.article === 'object' ? (doc.article.title ?? null) : null,
      ),
    )
    return [...titles].map((title) => shown(f, title)).join('/')
  },
}

/**
 * Everything that could hold an article through a relationship, populated as deep as Payload goes:
 * an unseen draft's title must not turn up anywhere in it (today no collection joins back to
 * articles; this keeps it so if one ever does).
 */
const RELATED = ['authors', 'medical-reviewers', 'topics', 'sources', 'disclaimers', 'media']
const populatedElsewhere: ReadOp = {
  name: 'related collections at depth 10 ?draft=true',
  doors: ['rest', 'local'],
  expect: () => 'no leak',
  observe: async (door, role, f) => {
    const unseenDraft = f.title !== f.liveTitle && !seesDraft(role, f.state) ? f.title : null
    const dumps = await Promise.all(
      RELATED.map(async (collection) =>
        door === 'rest'
          ? JSON.stringify(await viaRest(`/${collection}?depth=10&draft=true&limit=100`, role))
          : JSON.stringify(
              await viaLocal(
                (user) =>
                  t.payload.find({
                    ...local,
                    collection: collection as 'authors',
                    depth: 10,
                    draft: true,
                    limit: 100,
                    user,
                  }),
                role,
              ),
            ),
      ),
    )
    return unseenDraft && dumps.some((dump) => dump.includes(unseenDraft)) ? 'LEAK' : 'no leak'
  },
}

const READ_OPS: ReadOp[] = [
  readOne(false),
  readOne(true),
  listed(false),
  listed(true),
  counted,
  whereDraftTitle,
  selected,
  history,
  versionById,
  populated,
  populatedElsewhere,
]

type WriteOp = {
  name: string
  doors: Door[]
  states: readonly State[]
  expect: (role: Role, state: State) => boolean
  /** Runs the operation; `effect` tells from the trusted view whether it took effect. */
  run: (
    door: Door,
    role: Role,
    f: Fixture,
  ) => Promise<{ call: Call; effect: () => Promise<boolean> }>
}

const latestOf = (id: number) =>
  t.payload.findByID({ collection: 'articles', id, depth: 0, draft: true, disableErrors: true })

const edit: WriteOp = {
  name: 'update title',
  doors: PAYLOAD_DOORS,
  states: ALL,
  expect: (role, state) =>
    EXPECTED.edits.roles.includes(role) && !EXPECTED.edits.except.includes(state),
  run: async (door, role, f) => {
    const title = `${f.title} edited by ${role} via ${door}`
    const call =
      door === 'rest'
        ? await viaRest(`/articles/${f.id}`, role, { method: 'PATCH', json: { title } })
        : door === 'graphql'
          ? await viaGraphql(
              `mutation { updateArticle(id: ${f.id}, data: { title: ${JSON.stringify(title)} }) { id } }`,
              role,
              'updateArticle',
            )
          : await viaLocal(
              (user) =>
                t.payload.update({
                  ...local,
                  collection: 'articles',
                  id: f.id,
                  data: { title },
                  user,
                }),
              role,
            )
    return { call, effect: async () => (await latestOf(f.id))?.title === title }
  },
}

const remove: WriteOp = {
  name: 'delete',
  doors: PAYLOAD_DOORS,
  states: ALL,
  expect: (role, state) =>
    EXPECTED.deletes.roles.includes(role) && EXPECTED.deletes.from.includes(state),
  run: async (door, role, f) => {
    const call =
      door === 'rest'
        ? await viaRest(`/articles/${f.id}`, role, { method: 'DELETE' })
        : door === 'graphql'
          ? await viaGraphql(
              `mutation { deleteArticle(id: ${f.id}) { id } }`,
              role,
              'deleteArticle',
            )
          : await viaLocal(
              (user) => t.payload.delete({ ...local, collection: 'articles', id: f.id, user }),
              role,
            )
    return { call, effect: async () => (await latestOf(f.id)) === null }
  },
}

const isLiveNow = async (f: Fixture) => {
  const main = await t.payload.findByID({
    collection: 'articles',
    id: f.id,
    depth: 0,
    disableErrors: true,
  })
  return main?._status === 'published' && main.stage === 'published' && main.title === f.title
}

const publishViaStatus: WriteOp = {
  name: "Payload's Publish (_status)",
  doors: PAYLOAD_DOORS,
  // Publishing what is already live unchanged is a no-op, not a publish.
  states: ALL.filter((state) => state !== 'published'),
  expect: (role, state) =>
    EXPECTED.publishes.roles.includes(role) && EXPECTED.publishes.from.includes(state),
  run: async (door, role, f) => {
    const call =
      door === 'rest'
        ? await viaRest(`/articles/${f.id}`, role, {
            method: 'PATCH',
            json: { _status: 'published' },
          })
        : door === 'graphql'
          ? await viaGraphql(
              `mutation { updateArticle(id: ${f.id}, data: { _status: published }) { id } }`,
              role,
              'updateArticle',
            )
          : await viaLocal(
              (user) =>
                t.payload.update({
                  ...local,
                  collection: 'articles',
                  id: f.id,
                  data: { _status: 'published' },
                  user,
                }),
              role,
            )
    return { call, effect: () => isLiveNow(f) }
  },
}

const action = (name: EditorialAction): WriteOp => ({
  name: `workflow: ${name}`,
  // Workflow decisions have one door, the endpoint; Payload's own doors are the rows above.
  doors: ['rest'],
  states: ALL,
  expect: (role, state) =>
    ((EXPECTED.actions[name] as Partial<Record<State, Role[]>>)[state] ?? []).includes(role),
  run: async (_door, role, f) => {
    const res = await workflow(f.id, role, name)
    const body = (await res.json()) as { errors?: { message: string }[] }
    const call: Call =
      res.status === 200
        ? { ok: true, body }
        : { ok: false, status: res.status, message: body.errors?.[0]?.message ?? '' }
    // Re-review decisions are taken on the live version and leave a pending draft as it is:
    // their effect is the decision on record.
    const isOnLive = LIVE_VERSION_ACTIONS.includes(name)
    return {
      call,
      effect: async () =>
        isOnLive
          ? (
              await t.payload.find({
                collection: 'review-records',
                where: { article: { equals: f.id } },
                sort: '-at',
                limit: 1,
                depth: 0,
              })
            ).docs[0]?.action === name
          : (await latestOf(f.id))?.stage === EDITORIAL_TRANSITIONS[name].to,
    }
  },
})

const WRITE_OPS: WriteOp[] = [edit, remove, publishViaStatus, ...EDITORIAL_ACTIONS.map(action)]

/** 'done', 'refused' (4xx and nothing changed), or what went wrong. */
const judge = async (call: Call, before: string, after: string, effect: () => Promise<boolean>) => {
  if (!call.ok) {
    if (call.status >= 500) {
      return `server error ${call.status}: ${call.message}`
    }
    return before === after ? 'refused' : `refused (${call.status}) but changed`
  }
  return (await effect())
    ? 'done'
    : before === after
      ? 'answered ok, no effect'
      : 'answered ok, other change'
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  t = await startTestPayload()
  const seedId = await t.seedDemo(PASSWORD)
  app = createApp({
    payload: t.payload,
    adapter: 'sqlite',
    limits: { deliveryPerMinute: 100_000, maxBodyBytes: 1024 * 1024 },
  })
  await t.addAccount({
    name: 'Second Reviewer',
    email: ACCOUNTS.otherReviewer,
    password: PASSWORD,
    roles: ['reviewer'],
  })
  await t.addAccount({
    name: 'Second Writer',
    email: ACCOUNTS.otherWriter,
    password: PASSWORD,
    roles: ['writer'],
  })
  for (const role of ROLES) {
    if (role !== 'anonymous') {
      tokens[role] = await t.logIn(ACCOUNTS[role], PASSWORD)
      const { docs } = await t.payload.find({
        collection: 'users',
        where: { email: { equals: ACCOUNTS[role] } },
        depth: 0,
      })
      users[role] = { ...(docs[0] as User), collection: 'users' }
    }
  }
  const seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
  template = contentOf(seed)
  for (const state of STATES) {
    await fixtureFor(state)
  }
}, 120_000)

afterAll(async () => {
  await t?.close()
})

const mismatches = (op: string) =>
  cells
    .filter((cell) => cell.op === op && cell.expected !== cell.observed)
    .map((c) => `${c.door} ${c.role} ${c.state}: expected ${c.expected}, got ${c.observed}`)

describe('reads: drafts never leak', () => {
  it.each(READ_OPS.map((op) => [op.name, op] as const))(
    '%s',
    async (_name, op) => {
      for (const state of STATES) {
        const f = await fixtureFor(state)
        for (const door of op.doors) {
          const table = door === 'delivery' ? deliveryExpect(op) : op
          for (const role of ROLES) {
            cells.push({
              op: op.name,
              door,
              role,
              state,
              expected: table.expect(role, f),
              observed: await op.observe(door, role, f),
            })
          }
        }
      }
      expect(mismatches(op.name)).toEqual([])
    },
    120_000,
  )
})

describe('writes: nobody gets past their role', () => {
  it.each(WRITE_OPS.map((op) => [op.name, op] as const))(
    '%s',
    async (_name, op) => {
      for (const state of op.states) {
        for (const door of op.doors) {
          for (const role of ROLES) {
            const f = await fixtureFor(state)
            const before = await snapshot(f.id)
            const { call, effect } = await op.run(door, role, f)
            const after = await snapshot(f.id)
            if (before !== after) {
              pool.delete(state)
            }
            cells.push({
              op: op.name,
              door,
              role,
              state,
              expected: op.expect(role, state) ? 'done' : 'refused',
              observed: await judge(call, before, after, effect),
            })
          }
        }
      }
      expect(mismatches(op.name)).toEqual([])
    },
    240_000,
  )

  it('nobody creates, changes or deletes a review record, through any door', async () => {
    const target = (await t.payload.find({ collection: 'review-records', limit: 1, depth: 0 }))
      .docs[0]
    expect(target).toBeDefined()
    const id = target?.id as number
    const dump = async () =>
      JSON.stringify(
        (
          await t.payload.find({
            collection: 'review-records',
            pagination: false,
            depth: 0,
            sort: 'id',
          })
        ).docs,
      )
    const forged = {
      article: target?.article,
      action: 'approve',
      toStage: 'approved',
      note: 'forged',
    }
    const attempts: Record<string, Record<Door, (role: Role) => Promise<Call>>> = {
      create: {
        rest: (role) => viaRest('/review-records', role, { method: 'POST', json: forged }),
        graphql: (role) =>
          viaGraphql(
            `mutation { createReviewRecord(data: { article: ${id}, action: approve, note: "forged" }) { id } }`,
            role,
            'createReviewRecord',
          ),
        local: (role) =>
          viaLocal(
            (user) =>
              t.payload.create({
                ...local,
                collection: 'review-records',
                data: forged as never,
                user,
              }),
            role,
          ),
        delivery: async () => ({ ok: false, status: 404, message: '' }),
      },
      update: {
        rest: (role) =>
          viaRest(`/review-records/${id}`, role, { method: 'PATCH', json: { note: 'rewritten' } }),
        graphql: (role) =>
          viaGraphql(
            `mutation { updateReviewRecord(id: ${id}, data: { note: "rewritten" }) { id } }`,
            role,
            'updateReviewRecord',
          ),
        local: (role) =>
          viaLocal(
            (user) =>
              t.payload.update({
                ...local,
                collection: 'review-records',
                id,
                data: { note: 'rewritten' },
                user,
              }),
            role,
          ),
        delivery: async () => ({ ok: false, status: 404, message: '' }),
      },
      delete: {
        rest: (role) => viaRest(`/review-records/${id}`, role, { method: 'DELETE' }),
        graphql: (role) =>
          viaGraphql(
            `mutation { deleteReviewRecord(id: ${id}) { id } }`,
            role,
            'deleteReviewRecord',
          ),
        local: (role) =>
          viaLocal(
            (user) => t.payload.delete({ ...local, collection: 'review-records', id, user }),
            role,
          ),
        delivery: async () => ({ ok: false, status: 404, message: '' }),
      },
    }
    for (const [name, doors] of Object.entries(attempts)) {
      for (const door of PAYLOAD_DOORS) {
        for (const role of ROLES) {
          const before = await dump()
          const call = await doors[door](role)
          const after = await dump()
          cells.push({
            op: `record: ${name}`,
            door,
            role,
            state: 'published',
            expected: EXPECTED.changesRecords.includes(role) ? 'done' : 'refused',
            observed: await judge(call, before, after, async () => true),
          })
        }
      }
    }
    expect(
      cells
        .filter((c) => c.op.startsWith('record:') && c.expected !== c.observed)
        .map((c) => `${c.op} ${c.door} ${c.role}: ${c.observed}`),
    ).toEqual([])
  }, 120_000)

  it.each([
    ['create', false],
    ['create asking to be live', true],
  ] as const)('%s', async (name, askLive) => {
    for (const door of PAYLOAD_DOORS) {
      for (const role of ROLES) {
        counter += 1
        const title = `Created ${counter}`
        const slug = `created-${counter}`
        const live = askLive ? { _status: 'published', stage: 'published' } : {}
        const call =
          door === 'rest'
            ? await viaRest('/articles', role, { method: 'POST', json: { title, slug, ...live } })
            : door === 'graphql'
              ? await viaGraphql(
                  // GraphQL marks `stage` required; the workflow sets it whatever is sent.
                  `mutation { createArticle(data: { title: "${title}", slug: "${slug}", stage: ${askLive ? 'published, _status: published' : 'draft'} }) { id } }`,
                  role,
                  'createArticle',
                )
              : await viaLocal(
                  (user) =>
                    t.payload.create({
                      ...local,
                      collection: 'articles',
                      data: { title, slug, ...live } as never,
                      user,
                    }),
                  role,
                )
        const { docs } = await t.payload.find({
          collection: 'articles',
          where: { title: { equals: title } },
          depth: 0,
          draft: true,
        })
        const stored = docs[0]
        let observed = !stored
          ? call.ok || call.status >= 500
            ? `answered ${call.ok ? 'ok' : call.status}, nothing stored`
            : 'refused'
          : stored._status === 'published' || stored.stage !== 'draft'
            ? `stored as ${stored._status}/${stored.stage}`
            : 'done (draft)'
        let expected = EXPECTED.creates.includes(role) ? 'done (draft)' : 'refused'
        if (askLive) {
          // Refused, or kept as a draft: either way nothing goes live without review.
          observed = observed === 'refused' || observed === 'done (draft)' ? 'not live' : observed
          expected = 'not live'
        }
        cells.push({ op: name, door, role, state: 'draft', expected, observed })
      }
    }
    expect(mismatches(name)).toEqual([])
  })
})

describe('review comments: only the people in the review, by every door', () => {
  const COMMENT_STATES: State[] = ['in_review', 'published']
  const BODY = 'Matrix comment: cite the guideline.'

  /** A fresh comment by the assigned reviewer on a fixture in this state. */
  const freshComment = async (state: State) => {
    const f = await fixtureFor(state)
    const article = await t.payload.findByID({
      collection: 'articles',
      id: f.id,
      depth: 0,
      draft: true,
    })
    const text = JSON.stringify(article.body).match(/"text":"([^"\\[]{20,})/)?.[1] ?? ''
    const comment = await t.payload.create({
      collection: 'review-comments',
      data: { article: f.id, quote: text.slice(0, 30), body: BODY, status: 'open' },
      user: users.assignedReviewer,
      overrideAccess: false,
      depth: 0,
    })
    return { f, comment, quote: text.slice(0, 30) }
  }

  const dumpComments = async () =>
    JSON.stringify(
      (
        await t.payload.find({
          collection: 'review-comments',
          pagination: false,
          depth: 0,
          sort: 'id',
        })
      ).docs,
    )

  type CommentOp = {
    name: string
    expected: Role[]
    run: (
      door: Door,
      role: Role,
      c: Awaited<ReturnType<typeof freshComment>>,
    ) => Promise<{ call: Call; effect: () => Promise<boolean> }>
  }

  const stored = (id: number) =>
    t.payload.findByID({ collection: 'review-comments', id, depth: 0, disableErrors: true })
  const newest = async () =>
    (await t.payload.find({ collection: 'review-comments', sort: '-id', limit: 1, depth: 0 }))
      .docs[0]

  const OPS: CommentOp[] = [
    {
      name: 'comment: read',
      expected: EXPECTED.comments.reads,
      run: async (door, role, { comment }) => {
        const call =
          door === 'rest'
            ? await viaRest(`/review-comments/${comment.id}`, role)
            : door === 'graphql'
              ? await viaGraphql(
                  `{ ReviewComment(id: ${comment.id}) { body } }`,
                  role,
                  'ReviewComment',
                )
              : await viaLocal(
                  (user) =>
                    t.payload.findByID({
                      ...local,
                      collection: 'review-comments',
                      id: comment.id,
                      user,
                    }),
                  role,
                )
        const body = call.ok ? (call.body as { body?: string } | null)?.body : undefined
        return {
          call: body === BODY ? call : { ok: false, status: 404, message: '' },
          effect: async () => true,
        }
      },
    },
    {
      name: 'comment: list',
      expected: EXPECTED.comments.reads,
      run: async (door, role, { comment }) => {
        type Docs = { docs: { id: number }[] }
        const call =
          door === 'rest'
            ? await viaRest(`/review-comments?depth=0&where[id][equals]=${comment.id}`, role)
            : door === 'graphql'
              ? await viaGraphql(
                  `{ ReviewComments(where: { id: { equals: ${comment.id} } }) { docs { id } } }`,
                  role,
                  'ReviewComments',
                )
              : await viaLocal(
                  (user) =>
                    t.payload.find({
                      ...local,
                      collection: 'review-comments',
                      where: { id: { equals: comment.id } },
                      user,
                    }),
                  role,
                )
        const found = call.ok && (call.body as Docs).docs.some((d) => d.id === comment.id)
        return {
          call: found ? call : { ok: false, status: 404, message: '' },
          effect: async () => true,
        }
      },
    },
    {
      name: 'comment: start a thread',
      expected: EXPECTED.comments.startsThread,
      run: async (door, role, { f, quote }) => {
        const before = (await newest())?.id
        const body = `Thread by ${role} via ${door}`
        const call =
          door === 'rest'
            ? await viaRest('/review-comments', role, {
                method: 'POST',
                json: { article: f.id, quote, body },
              })
            : door === 'graphql'
              ? await viaGraphql(
                  `mutation { createReviewComment(data: { article: ${f.id}, quote: ${JSON.stringify(quote)}, body: "${body}", status: open }) { id } }`,
                  role,
                  'createReviewComment',
                )
              : await viaLocal(
                  (user) =>
                    t.payload.create({
                      ...local,
                      collection: 'review-comments',
                      data: { article: f.id, quote, body, status: 'open' },
                      user,
                    }),
                  role,
                )
        return {
          call,
          effect: async () => (await newest())?.id !== before && (await newest())?.body === body,
        }
      },
    },
    {
      name: 'comment: reply',
      expected: EXPECTED.comments.replies,
      run: async (door, role, { comment }) => {
        const body = `Reply by ${role} via ${door}`
        const call =
          door === 'rest'
            ? await viaRest('/review-comments', role, {
                method: 'POST',
                json: { parent: comment.id, body },
              })
            : door === 'graphql'
              ? await viaGraphql(
                  `mutation { createReviewComment(data: { parent: ${comment.id}, article: ${comment.article}, body: "${body}", status: open }) { id } }`,
                  role,
                  'createReviewComment',
                )
              : await viaLocal(
                  (user) =>
                    t.payload.create({
                      ...local,
                      collection: 'review-comments',
                      data: { parent: comment.id, article: comment.article, body, status: 'open' },
                      user,
                    }),
                  role,
                )
        return { call, effect: async () => (await newest())?.body === body }
      },
    },
    {
      name: 'comment: resolve',
      expected: EXPECTED.comments.resolves,
      run: async (door, role, { comment }) => {
        const call =
          door === 'rest'
            ? await viaRest(`/review-comments/${comment.id}`, role, {
                method: 'PATCH',
                json: { status: 'resolved' },
              })
            : door === 'graphql'
              ? await viaGraphql(
                  `mutation { updateReviewComment(id: ${comment.id}, data: { status: resolved }) { id } }`,
                  role,
                  'updateReviewComment',
                )
              : await viaLocal(
                  (user) =>
                    t.payload.update({
                      ...local,
                      collection: 'review-comments',
                      id: comment.id,
                      data: { status: 'resolved' },
                      user,
                    }),
                  role,
                )
        return { call, effect: async () => (await stored(comment.id))?.status === 'resolved' }
      },
    },
    {
      name: "comment: rewrite the reviewer's words",
      expected: EXPECTED.comments.rewrites,
      run: async (door, role, { comment }) => {
        const call =
          door === 'rest'
            ? await viaRest(`/review-comments/${comment.id}`, role, {
                method: 'PATCH',
                json: { body: 'Rewritten' },
              })
            : door === 'graphql'
              ? await viaGraphql(
                  `mutation { updateReviewComment(id: ${comment.id}, data: { body: "Rewritten" }) { id } }`,
                  role,
                  'updateReviewComment',
                )
              : await viaLocal(
                  (user) =>
                    t.payload.update({
                      ...local,
                      collection: 'review-comments',
                      id: comment.id,
                      data: { body: 'Rewritten' },
                      user,
                    }),
                  role,
                )
        return { call, effect: async () => (await stored(comment.id))?.body === 'Rewritten' }
      },
    },
    {
      name: 'comment: delete',
      expected: EXPECTED.comments.deletes,
      run: async (door, role, { comment }) => {
        const call =
          door === 'rest'
            ? await viaRest(`/review-comments/${comment.id}`, role, { method: 'DELETE' })
            : door === 'graphql'
              ? await viaGraphql(
                  `mutation { deleteReviewComment(id: ${comment.id}) { id } }`,
                  role,
                  'deleteReviewComment',
                )
              : await viaLocal(
                  (user) =>
                    t.payload.delete({
                      ...local,
                      collection: 'review-comments',
                      id: comment.id,
                      user,
                    }),
                  role,
                )
        return { call, effect: async () => (await stored(comment.id)) === null }
      },
    },
  ]

  it.each(OPS.map((op) => [op.name, op] as const))(
    '%s',
    async (_name, op) => {
      for (const state of COMMENT_STATES) {
        for (const door of PAYLOAD_DOORS) {
          for (const role of ROLES) {
            const c = await freshComment(state)
            const before = await dumpComments()
            const { call, effect } = await op.run(door, role, c)
            const after = await dumpComments()
            const isRead =
              op.name.startsWith('comment: read') || op.name.startsWith('comment: list')
            cells.push({
              op: op.name,
              door,
              role,
              state,
              expected: op.expected.includes(role) ? 'done' : 'refused',
              observed: isRead
                ? call.ok
                  ? 'done'
                  : 'refused'
                : await judge(call, before, after, effect),
            })
          }
        }
      }
      expect(mismatches(op.name)).toEqual([])
    },
    240_000,
  )
})

const SYMBOL: Record<string, string> = {
  done: '✓',
  'done (draft)': '✓',
  refused: '·',
  'no records': '·',
  none: '·',
  all: 'all',
  '1': '1',
  '0': '·',
  'no leak': '·',
}

afterAll(() => {
  if (cells.length === 0) {
    return
  }
  const ops = [...new Set(cells.map((c) => c.op))]
  const doorsOf = (op: string) => [...new Set(cells.filter((c) => c.op === op).map((c) => c.door))]
  const lines: string[] = []
  const width = 12
  const states = STATES.map((s) =>
    s.replace('changes_requested', 'changes_req').padEnd(width),
  ).join('')
  for (const op of ops) {
    lines.push('', `${op}  [${doorsOf(op).join(', ')}]`, `  ${''.padEnd(17)}${states}`)
    for (const role of ROLES) {
      const row = STATES.map((state) => {
        const here = cells.filter((c) => c.op === op && c.role === role && c.state === state)
        if (here.length === 0) {
          return '-'.padEnd(width)
        }
        const wrong = here.filter((c) => c.expected !== c.observed)
        if (wrong.length) {
          return `✗ ${wrong.map((c) => c.door).join('+')}`.padEnd(width)
        }
        const observed = [
          ...new Set(here.filter((c) => c.door !== 'delivery').map((c) => c.observed)),
        ].concat(
          here.some((c) => c.door === 'delivery')
            ? [`d:${here.find((c) => c.door === 'delivery')?.observed}`]
            : [],
        )
        return observed
          .map((o) => SYMBOL[o] ?? o)
          .join(' ')
          .padEnd(width)
      }).join('')
      lines.push(`  ${role.padEnd(17)}${row}`)
    }
  }
  const failed = cells.filter((c) => c.expected !== c.observed).length
  reportTried({ what: 'access-matrix cells', count: cells.length, unexpected: failed })
  const doors = new Set(cells.map((c) => c.door)).size
  console.log(
    [
      `Access matrix: ${cells.length} cells (${doors} doors × ${ROLES.length} roles × ${STATES.length} states × ${ops.length} operations, where they apply): ${failed === 0 ? 'all as expected' : `${failed} NOT as expected`}.`,
      'L live version · D latest draft · ✓ allowed · "·" refused or not visible · d: delivery API',
      ...lines,
    ].join('\n'),
  )
})
