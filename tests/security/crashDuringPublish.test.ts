/**
 * A process killed (SIGKILL) in the middle of a burst of publishes. A child process
 * (tests/helpers/publishBurst.ts) publishes every approved article at once, through the workflow
 * endpoint and Payload's own Publish; the test kills it after a random few have answered, opens the
 * database again and checks every article: stage, _status, review records, dates and versions
 * agree, every live article still has its live version (Local API and delivery API), every publish
 * that answered 200 survived, and the publishes that did not happen can happen now.
 *
 * Round 1: the child is the only process with the database open when it dies; this process then
 * opens it (the restart). Round 2: this process keeps it open while the child dies (two instances,
 * one crashes). Always SQLite: the crash is a process dying with a file open.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { randomBytes, randomInt } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { createClient } from '@libsql/client'
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import type { Express } from 'express'
import request from 'supertest'

import type { Article } from '@payload-types'
import { reviewIntervalMonths } from '@/config/env'
import { seedArticle } from '@/seed/fixture'
import type { Evidence } from '@/workflow/evidence'
import { contentFingerprint } from '@/workflow/fingerprint'
import { nextReviewDue } from '@/workflow/reviewDates'
import { openSignoff } from '../helpers/publishBurst'
import type { CrashManifest, Signoff } from '../helpers/publishBurst'
import { reportTried } from '../helpers/securitySummary'
import { deliveryApp } from '../helpers/deliveryApp'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const HELPER = path.join(ROOT, 'tests/helpers/publishBurst.ts')
const PASSWORD = 'crash-test-password'
// Generous: two cores shared with other test files, and each child starts Payload from source.
const CHILD_TIMEOUT_MS = 180_000
const ROUND_TIMEOUT_MS = 300_000

const secret = randomBytes(32).toString('hex')
let dataDir = ''
let databaseUrl = ''
const children = new Set<ChildProcess>()

/** An article of the burst: `title` is its approved content, `liveTitle` what readers saw before. */
type Fixture = { id: number; slug: string; title: string; liveTitle: string | null }

let fixtures: Fixture[] = []
let signoff: Signoff | null = null
let app: Express
/** Articles whose approved content is live, as last checked. */
let published = new Set<number>()
const summary: string[] = []

type Run = { answers: Map<number, number>; output: string }

/** Runs the helper; with `killAfter`, SIGKILLs it as soon as that many publishes have answered. */
const runHelper = ({ args, killAfter }: { args: string[]; killAfter?: number }): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', HELPER, ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        DATABASE_URI: databaseUrl,
        DATA_DIR: dataDir,
        PAYLOAD_SECRET: secret,
        CRASH_PASSWORD: PASSWORD,
      },
    })
    children.add(child)
    const answers = new Map<number, number>()
    let output = ''
    let pending = ''
    let isKilled = false
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the helper did not finish within ${CHILD_TIMEOUT_MS} ms:\n${output}`))
    }, CHILD_TIMEOUT_MS)
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const lines = (pending + chunk.toString()).split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        const match = /^answered (\d+) (\d+)$/.exec(line)
        if (match) {
          answers.set(Number(match[1]), Number(match[2]))
        }
      }
      if (killAfter !== undefined && !isKilled && answers.size >= killAfter) {
        isKilled = child.kill('SIGKILL')
      }
    })
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('error', reject)
    // `close` comes after the pipes drain: every answer the child wrote before it died is counted.
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      children.delete(child)
      if (killAfter !== undefined && signal !== 'SIGKILL') {
        reject(
          new Error(
            `the burst ended (${code}) before the kill point (${killAfter} answers, saw ${answers.size}):\n${output}`,
          ),
        )
      } else if (killAfter === undefined && code !== 0) {
        reject(new Error(`the helper ${args[0]} failed (${code ?? signal}):\n${output}`))
      } else {
        resolve({ answers, output })
      }
    })
  })

/** Opened afresh, as a restarted process would: SQLite's own check of every page and index. */
const integrityCheck = async (): Promise<string> => {
  const client = createClient({ url: databaseUrl })
  try {
    const { rows } = await client.execute('PRAGMA integrity_check')
    return rows.map((row) => String(row[0])).join('; ')
  } finally {
    client.close()
  }
}

const sameTime = (a: string | null | undefined, b: string | null | undefined): boolean =>
  a && b ? new Date(a).getTime() === new Date(b).getTime() : !a && !b

/**
 * Everything that must agree for one article, as trusted code and as a reader see it. Returns
 * the disagreements (empty when consistent) and whether its approved content is live.
 */
const inspect = async (
  f: Fixture,
): Promise<{
  problems: string[]
  isPublished: boolean
  records: number
  liveTitle: string | null
}> => {
  const { payload } = signoff as Signoff
  const problems: string[] = []
  const expectThat = (ok: boolean, message: string) => {
    if (!ok) {
      problems.push(message)
    }
  }
  const read = { collection: 'articles', id: f.id, depth: 0, overrideAccess: true } as const
  const main = await payload.findByID({ ...read, draft: false })
  const latest = await payload.findByID({ ...read, draft: true })
  const { docs: records } = await payload.find({
    collection: 'review-records',
    where: { article: { equals: f.id } },
    sort: 'id',
    limit: 100,
    depth: 0,
    overrideAccess: true,
  })
  const actions = records.map((record) => record.action)
  const before = f.liveTitle
    ? ['submit', 'approve', 'publish', 'submit', 'approve']
    : ['submit', 'approve']
  const isPublished = actions.join() === [...before, 'publish'].join()
  expectThat(
    isPublished || actions.join() === before.join(),
    `review records [${actions}]; expected [${before}] and at most one more publish`,
  )
  const publishes = records.filter((record) => record.action === 'publish')
  const approves = records.filter((record) => record.action === 'approve')
  const lastPublish = publishes.at(-1)
  const lastApprove = approves.at(-1)

  const reviewDatesAgree = (
    doc: Article,
    approve: (typeof records)[number] | undefined,
    what: string,
  ) => {
    expectThat(
      sameTime(doc.lastReviewedAt, approve?.at) &&
        sameTime(
          doc.nextReviewDue,
          approve &&
            nextReviewDue({
              lastReviewedAt: new Date(approve.at),
              months: reviewIntervalMonths(),
            }).toISOString(),
        ),
      `${what}: lastReviewedAt ${doc.lastReviewedAt} / nextReviewDue ${doc.nextReviewDue} do not follow the approval at ${approve?.at}`,
    )
  }

  // The main document is what readers get: published exactly when its stage says so.
  expectThat(
    (main.stage === 'published') === (main._status === 'published'),
    `main document: stage ${main.stage} but _status ${main._status}`,
  )
  const liveTitle = isPublished ? f.title : f.liveTitle
  if (liveTitle) {
    expectThat(main._status === 'published', `lost its live version (_status ${main._status})`)
    expectThat(main.title === liveTitle, `live title "${main.title}", expected "${liveTitle}"`)
  } else {
    expectThat(
      main.stage === 'approved' && main._status === 'draft',
      `not published, yet stage ${main.stage} / _status ${main._status} (expected approved / draft)`,
    )
  }
  expectThat(
    sameTime(main.publishedAt, publishes[0]?.at),
    `publishedAt ${main.publishedAt}, first publish record at ${publishes[0]?.at ?? 'none'}`,
  )
  if (main._status === 'published' && lastPublish) {
    // What is live is what the last publish recorded, which is what the reviewer approved.
    const approval = approves.filter((record) => record.id < lastPublish.id).at(-1)
    const fingerprint = contentFingerprint({
      content: main,
      evidence: main.signedEvidence as Evidence,
    })
    expectThat(
      lastPublish.fingerprint === fingerprint &&
        approval?.fingerprint === fingerprint &&
        main.approvedFingerprint === fingerprint,
      'live content differs from the fingerprint its publish and approval records carry',
    )
    reviewDatesAgree(main, approval, 'live version')
    const { docs: versions } = await payload.findVersions({
      collection: 'articles',
      where: { id: { equals: Number(lastPublish.versionId) } },
      depth: 0,
      overrideAccess: true,
    })
    const version = versions[0]?.version
    expectThat(
      version?._status === 'published' &&
        version.stage === 'published' &&
        contentFingerprint({ content: version, evidence: version.signedEvidence as Evidence }) ===
          fingerprint,
      `the publish record's version ${lastPublish.versionId} is not the published content`,
    )
  }
  // The newest version: the live one, or the approved draft still waiting to be published.
  if (isPublished || !f.liveTitle) {
    expectThat(
      latest.stage === main.stage && latest._status === main._status && latest.title === main.title,
      `newest version (${latest.stage} / ${latest._status} "${latest.title}") is not the main document`,
    )
  } else {
    expectThat(
      latest.stage === 'approved' && latest._status === 'draft' && latest.title === f.title,
      `the approved draft became ${latest.stage} / ${latest._status} "${latest.title}"`,
    )
  }
  if (!isPublished) {
    // Still publishable: the draft is exactly what its approval recorded.
    expectThat(
      latest.approvedFingerprint === lastApprove?.fingerprint &&
        contentFingerprint({ content: latest, evidence: latest.signedEvidence as Evidence }) ===
          lastApprove?.fingerprint,
      'the approved draft no longer matches its approval record',
    )
    reviewDatesAgree(latest, lastApprove, 'approved draft')
    expectThat(
      sameTime(latest.publishedAt, publishes[0]?.at),
      `approved draft: publishedAt ${latest.publishedAt}, first publish record at ${publishes[0]?.at ?? 'none'}`,
    )
  }
  problems.push(...(await asReader({ slug: f.slug, title: liveTitle })))
  return { problems, isPublished, records: records.length, liveTitle }
}

/** What an anonymous reader gets through the Local API and the delivery API. */
const asReader = async ({ slug, title }: { slug: string; title: string | null }) => {
  const { payload } = signoff as Signoff
  const problems: string[] = []
  const { docs } = await payload.find({
    collection: 'articles',
    where: { slug: { equals: slug } },
    depth: 0,
    overrideAccess: false,
  })
  if (docs.map((doc) => doc.title).join() !== (title ?? '')) {
    problems.push(
      `Local API reader sees [${docs.map((doc) => doc.title)}], expected [${title ?? ''}]`,
    )
  }
  const res = await request(app).get(`/content/v1/articles/${slug}`)
  if (title ? res.status !== 200 || res.body.title !== title : res.status !== 404) {
    problems.push(
      `delivery API answers ${res.status} "${res.body.title}", expected ${title ? `"${title}"` : 404}`,
    )
  }
  return problems
}

/** Checks the whole database and remembers which articles are published; fails with every problem. */
const expectConsistent = async ({ answers }: { answers?: Map<number, number> } = {}) => {
  expect(await integrityCheck()).toBe('ok')
  const { payload } = signoff as Signoff
  expect(await payload.count({ collection: 'articles', overrideAccess: true })).toEqual({
    totalDocs: fixtures.length + 1,
  })
  const problems: string[] = []
  const nowPublished = new Set<number>()
  let records = 0
  const liveTitles = [seedArticle.title]
  for (const f of fixtures) {
    const result = await inspect(f)
    problems.push(...result.problems.map((problem) => `article ${f.id} (${f.slug}): ${problem}`))
    records += result.records
    if (result.liveTitle) {
      liveTitles.push(result.liveTitle)
    }
    if (result.isPublished) {
      nowPublished.add(f.id)
    }
  }
  const { totalDocs: allRecords } = await payload.count({
    collection: 'review-records',
    overrideAccess: true,
  })
  if (allRecords !== records) {
    problems.push(`${allRecords - records} review records belong to no article of the burst`)
  }
  for (const id of published) {
    if (!nowPublished.has(id)) {
      problems.push(`article ${id}: was published before this round, is not any more`)
    }
  }
  for (const [id, status] of answers ?? []) {
    if ((status === 200) !== nowPublished.has(id)) {
      problems.push(
        `article ${id}: the publish answered ${status}, but it is ${nowPublished.has(id) ? '' : 'not '}published`,
      )
    }
  }
  problems.push(
    ...(await asReader({ slug: seedArticle.slug, title: seedArticle.title })).map(
      (problem) => `seed article: ${problem}`,
    ),
  )
  const list = await request(app).get('/content/v1/articles?limit=100')
  const listed = ((list.body.docs ?? []) as { title: string }[]).map((doc) => doc.title).sort()
  if (listed.join('\n') !== liveTitles.sort().join('\n')) {
    problems.push(
      `the delivery API lists [${listed.join(', ')}], expected the live titles [${liveTitles.join(', ')}]`,
    )
  }
  expect(problems).toEqual([])
  published = nowPublished
}

/** Live articles first and interleaved, so an early kill can land in a republish. */
const burstOrder = (): number[] => {
  const waiting = fixtures.filter((f) => !published.has(f.id))
  const live = waiting.filter((f) => f.liveTitle)
  const fresh = waiting.filter((f) => !f.liveTitle)
  return [
    ...live.flatMap((f, i) => [f, ...fresh.slice(i, i + 1)]),
    ...fresh.slice(live.length),
  ].map((f) => f.id)
}

const crashRound = async (round: number) => {
  const ids = burstOrder()
  // A few publishes in, well before all of them, at a different point each run.
  const killAfter = randomInt(2, Math.max(3, Math.floor(ids.length / 4)))
  const { answers } = await runHelper({ args: ['publish', ids.join(',')], killAfter })
  if (!signoff) {
    // The restart: nothing had the database open when the child died.
    expect(await integrityCheck()).toBe('ok')
    signoff = await openSignoff({ databaseUrl, dataDir, secret, password: PASSWORD })
    app = deliveryApp({
      payload: signoff.payload,
      delivery: { previewTtlSeconds: 60 },
      limits: { deliveryPerMinute: 0, maxBodyBytes: 1024 * 1024 },
    })
  }
  const before = published.size
  await expectConsistent({ answers })
  summary.push(
    `round ${round} killed after ${answers.size} of ${ids.length} publishes answered (${published.size - before} in the database)`,
  )
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-crash-'))
  databaseUrl = `file:${path.join(dataDir, 'crash.db')}`
  const { output } = await runHelper({ args: ['prepare'] })
  const line = output.split('\n').find((l) => l.startsWith('manifest '))
  const manifest = JSON.parse(line?.slice('manifest '.length) ?? 'null') as CrashManifest
  fixtures = [
    ...manifest.fresh.map((f) => ({ ...f, liveTitle: null })),
    ...manifest.live.map((f) => ({
      id: f.id,
      slug: f.slug,
      title: f.draftTitle,
      liveTitle: f.liveTitle,
    })),
  ]
}, ROUND_TIMEOUT_MS)

/** Kills tried and kills after which something was inconsistent, for the suite's summary line. */
const kills = { tried: 0, unexpected: 0 }
const countedKill = async (round: () => Promise<void>) => {
  kills.tried += 1
  try {
    await round()
  } catch (error) {
    kills.unexpected += 1
    throw error
  }
}

afterAll(async () => {
  reportTried({ what: 'SIGKILLs mid-publish', count: kills.tried, unexpected: kills.unexpected })
  for (const child of children) {
    child.kill('SIGKILL')
  }
  if (signoff) {
    const db = signoff.payload.db as unknown as { client: { close: () => void } }
    await signoff.payload.destroy()
    // destroy() leaves the SQLite connection open.
    db.client.close()
  }
  if (dataDir) {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
})

it(
  'round 1: killed mid-burst with nothing else holding the database, it reopens consistent',
  async () => {
    await countedKill(() => crashRound(1))
  },
  ROUND_TIMEOUT_MS,
)

it(
  'round 2: killed mid-burst while another instance has the database open, still consistent',
  async () => {
    await countedKill(() => crashRound(2))
  },
  ROUND_TIMEOUT_MS,
)

it(
  'after the crashes every remaining publish goes through, and all of them are live',
  async () => {
    const { rest, logIn } = signoff as Signoff
    const editor = await logIn('editor@example.com')
    const answers = new Map<number, number>()
    for (const id of burstOrder()) {
      const res = await rest(`/articles/${id}/workflow`, {
        method: 'POST',
        token: editor,
        json: { action: 'publish' },
      })
      answers.set(id, res.status)
    }
    const finished = answers.size
    await expectConsistent({ answers })
    expect(published.size).toBe(fixtures.length)
    summary.push(`${finished} finished after the restart; ${fixtures.length} articles consistent`)
    console.log(`crash test: ${summary.join('; ')}`)
  },
  ROUND_TIMEOUT_MS,
)
