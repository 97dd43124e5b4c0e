/**
 * Clinical governance on a real database: the review records' hash chain and what breaks it, the
 * streamed export, and a retraction list whose import flags, e-mails and announces the live
 * articles that cite a retracted source and refuses to publish new ones.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { MongooseAdapter } from '@payloadcms/db-mongodb'
import { sql } from '@payloadcms/db-sqlite'
import type { SQLiteAdapter } from '@payloadcms/db-sqlite'
import { parse } from 'csv-parse/sync'

import type { Article, ReviewRecord } from '@payload-types'
import { verifyChains } from '@/audit/verifyChains'
import { importRetractions } from '@/retractions/importRetractions'
import { decide } from '../helpers/decision'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

const PASSWORD = 'governance-password'
const HEADER =
  'Record ID,Title,RetractionDate,OriginalPaperDOI,OriginalPaperPubMedID,RetractionNature,Reason'

let t: TestPayload
let seed: Article
const tokens = { admin: '', editor: '', writer: '', reviewer: '' }

const step = async (
  id: number | string,
  who: keyof typeof tokens,
  action: string,
  note?: string,
) => {
  const res = await decide({ rest: t.rest, id, token: tokens[who], action, note })
  expect({ action, status: res.status }).toEqual({ action, status: 200 })
}

const newArticle = async (title: string): Promise<Article> => {
  const res = await t.rest('/articles?draft=true', {
    method: 'POST',
    token: tokens.writer,
    json: {
      title,
      summary: `About ${title}.`,
      author: seed.author,
      medicalReviewer: seed.medicalReviewer,
      sources: seed.sources,
      body: [{ type: 'p', children: [{ text: 'Keep moving. Heat can help [1].' }] }],
    },
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { doc: Article }).doc
}

const jobs = async (task: string) =>
  (
    await t.payload.find({
      collection: 'payload-jobs',
      where: { taskSlug: { equals: task } },
      pagination: false,
      overrideAccess: true,
    })
  ).docs.map((job) => job.input as Record<string, unknown>)

/** Changes a record's note below Payload, as someone with database access could. */
const tamper = async (id: number | string, note: string | null) => {
  if (t.payload.db.name === 'mongoose') {
    const adapter = t.payload.db as unknown as MongooseAdapter
    const { ObjectId } = await import('mongodb')
    await adapter.collections['review-records']?.collection.updateOne(
      { _id: new ObjectId(String(id)) },
      { $set: { note } },
    )
    return
  }
  const adapter = t.payload.db as unknown as SQLiteAdapter
  await (adapter.drizzle as unknown as { run: (s: unknown) => Promise<unknown> }).run(
    sql`UPDATE review_records SET note = ${note} WHERE id = ${id}`,
  )
}

const exportOf = (query: string, token?: string) =>
  t.rest(`/review-records/export${query}`, token ? { token } : {})

const importCsv = (csv: string, token?: string) => {
  const form = new FormData()
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'retractions.csv')
  return t.rest('/retractions/import', { method: 'POST', body: form, ...(token ? { token } : {}) })
}

beforeAll(async () => {
  process.env.WEBHOOK_URLS = 'http://127.0.0.1:9/governance-hook'
  process.env.WEBHOOK_SECRET = 'governance-test-webhook-secret'
  t = await startTestPayload()
  const seedId = await t.seedDemo(PASSWORD)
  seed = await t.payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
  for (const who of Object.keys(tokens) as (keyof typeof tokens)[]) {
    tokens[who] = await t.logIn(`${who}@example.com`, PASSWORD)
  }
}, 60_000)

afterAll(async () => {
  delete process.env.WEBHOOK_URLS
  delete process.env.WEBHOOK_SECRET
  await t?.close()
})

describe('the audit chain', () => {
  let tampered: ReviewRecord

  it('links every decision to the one before it, per article', async () => {
    const article = await newArticle('Chained decisions')
    await step(article.id, 'writer', 'submit')
    await step(article.id, 'reviewer', 'request-changes', 'Cite "NICE", and say why; please.')
    await step(article.id, 'writer', 'submit')
    await step(article.id, 'reviewer', 'approve')
    const { docs } = await t.payload.find({
      collection: 'review-records',
      where: { article: { equals: article.id } },
      sort: 'at',
      depth: 0,
    })
    expect(docs).toHaveLength(4)
    expect(docs[1]?.previousHash).toBe(docs[0]?.hash)
    expect(docs[2]?.previousHash).toBe(docs[1]?.hash)
    expect(docs[3]?.previousHash).toBe(docs[2]?.hash)
    tampered = docs[1] as ReviewRecord
    expect(await verifyChains({ payload: t.payload })).toMatchObject({ broken: null })
  })

  it('names a record changed directly in the database, and `npm run audit:verify` fails on it', async () => {
    await tamper(tampered.id, 'Looks fine.')
    const { broken } = await verifyChains({ payload: t.payload })
    expect(broken).toMatchObject({
      article: String(tampered.article),
      recordId: String(tampered.id),
      reason: 'changed',
      found: `hash ${tampered.hash}`,
    })
    if (t.payload.db.name !== 'mongoose') {
      const cli = spawnSync('npx', ['tsx', 'src/cli/auditVerify.ts'], {
        env: { ...process.env, NODE_OPTIONS: '' },
        encoding: 'utf8',
        timeout: 120_000,
      })
      expect(cli.status).toBe(1)
      expect(cli.stderr).toContain(
        `Broken audit chain: article ${String(tampered.article)}, review record ${String(tampered.id)} (changed): expected hash `,
      )
    }
    await tamper(tampered.id, tampered.note ?? null)
    expect(await verifyChains({ payload: t.payload })).toMatchObject({ broken: null })
  }, 150_000)
})

describe('the review records export', () => {
  it('streams every decision as CSV to editors, quotes and all', async () => {
    const res = await exportOf('?format=csv', tokens.editor)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[]
    const { totalDocs } = await t.payload.count({ collection: 'review-records' })
    expect(rows).toHaveLength(totalDocs)
    expect(Object.keys(rows[0] ?? {})).toEqual(
      expect.arrayContaining(['articleId', 'articleTitle', 'fingerprint', 'hash', 'previousHash']),
    )
    const noted = rows.find((row) => row.note === 'Cite "NICE", and say why; please.')
    expect(noted).toMatchObject({ action: 'request-changes', articleTitle: 'Chained decisions' })
    const approval = rows.find((row) => row.action === 'approve')
    expect(approval?.attestation).toBeTruthy()
    expect(approval?.reviewerCredentialsVerifiedUntil).toBeTruthy()
  })

  it('streams JSON to admins, within dates', async () => {
    const all = (await (await exportOf('?format=json', tokens.admin)).json()) as {
      at: string
      hash: string
    }[]
    expect(all.length).toBeGreaterThan(3)
    expect(all.every((row) => /^[0-9a-f]{64}$/.test(row.hash))).toBe(true)
    const from = all[2]?.at as string
    const later = (await (
      await exportOf(`?format=json&from=${encodeURIComponent(from)}`, tokens.admin)
    ).json()) as unknown[]
    expect(later).toHaveLength(all.length - 2)
    const none = await exportOf('?format=json&from=2999-01-01', tokens.admin)
    expect(await none.json()).toEqual([])
  })

  it('answers 401 without a login, 403 to writers and reviewers, 400 to a bad query', async () => {
    expect((await exportOf('?format=csv')).status).toBe(401)
    expect((await exportOf('?format=csv', tokens.writer)).status).toBe(403)
    expect((await exportOf('?format=csv', tokens.reviewer)).status).toBe(403)
    for (const query of [
      '?format=xml',
      '?from=yesterday',
      '?to=2026-02-30',
      '?from=2026-02-01&to=2026-01-01',
    ]) {
      const res = await exportOf(query, tokens.editor)
      expect({ query, status: res.status }).toEqual({ query, status: 400 })
    }
  })
})

describe('a retraction list', () => {
  let approved: Article

  it('is refused without a required column, naming it', async () => {
    const res = await importCsv(
      'OriginalPaperDOI,RetractionDate\n10.1/x,1/2/2026 0:00\n',
      tokens.admin,
    )
    expect(res.status).toBe(400)
    const { errors } = (await res.json()) as { errors: { code: string; message: string }[] }
    expect(errors[0]?.code).toBe('INVALID_BODY')
    expect(errors[0]?.message).toContain('"OriginalPaperPubMedID"')
  })

  it('flags, e-mails and announces the live article citing a retracted source', async () => {
    approved = await newArticle('Approved before the retraction')
    await step(approved.id, 'writer', 'submit')
    await step(approved.id, 'reviewer', 'approve')
    const csv = [
      `\uFEFF${HEADER}`,
      '1,"Low back pain, a review",1/2/2026 0:00,https://doi.org/10.1002/ART.34347,0,Retraction,+Data',
      '1,"Low back pain, a review",1/2/2026 0:00,https://doi.org/10.1002/ART.34347,0,Retraction,+Data',
      '2,Other,2025-11-30,10.9999/unrelated,,Correction,',
    ].join('\n')
    const res = await importCsv(csv, tokens.admin)
    expect(res.status).toBe(200)
    const summary = (await res.json()) as Record<string, unknown>
    expect(summary).toMatchObject({ rows: 3, added: 2, duplicates: 1, skipped: 0 })
    expect(summary.flaggedArticles).toEqual([seed.id])

    const panel = (await (
      await t.rest(`/articles/${seed.id}/workflow`, { token: tokens.editor })
    ).json()) as {
      reviewFlags: { code: string; message: string }[]
    }
    expect(panel.reviewFlags).toContainEqual(
      expect.objectContaining({
        code: 'SOURCE_RETRACTED',
        message: expect.stringContaining('was retracted on 2026-01-02 (Retraction)'),
      }),
    )
    const desk = (await (
      await t.rest('/articles/editorial-summary', { token: tokens.editor })
    ).json()) as { flagged: { id: number; flags: { code: string }[] }[] }
    expect(desk.flagged.find((row) => row.id === seed.id)?.flags).toContainEqual(
      expect.objectContaining({ code: 'SOURCE_RETRACTED' }),
    )
    const hooks = (await jobs('deliverWebhook')).map(
      (input) => input.body as { event: string; changes?: string[] },
    )
    expect(hooks).toContainEqual(
      expect.objectContaining({
        event: 'article.source_retracted',
        changes: [expect.stringContaining('Source [1]')],
      }),
    )
    const mails = (await jobs('sendNotification')).filter(
      (input) => (input.notice as { event: string }).event === 'sourceRetracted',
    )
    // The seed's reviewer and the editors (the demo editor and admin).
    expect(mails.length).toBeGreaterThanOrEqual(2)
  })

  it('refuses to publish an approved article citing it, and to submit a new one', async () => {
    const res = await decide({
      rest: t.rest,
      id: approved.id,
      token: tokens.editor,
      action: 'publish',
    })
    expect(res.status).toBe(409)
    const body = (await res.json()) as {
      errors: { code: string; rules?: { rule: string; message: string }[] }[]
    }
    expect(body.errors[0]?.code).toBe('PUBLISH_RULES_FAILED')
    expect(body.errors[0]?.rules).toContainEqual({
      rule: 'noRetractedSources',
      message: expect.stringMatching(
        /Source \[1\] ".+" was retracted on 2026-01-02 \(Retraction\)/,
      ),
    })
    const fresh = await newArticle('Written after the retraction')
    const submit = await decide({
      rest: t.rest,
      id: fresh.id,
      token: tokens.writer,
      action: 'submit',
    })
    expect(submit.status).toBe(409)
  })

  it('changes nothing when imported again', async () => {
    const before = (await jobs('deliverWebhook')).length
    const csv = `${HEADER}\n1,T,1/2/2026 0:00,10.1002/art.34347,0,Retraction,\n`
    const summary = await importRetractions({ payload: t.payload, input: csv })
    expect(summary).toMatchObject({ added: 0, updated: 0, flaggedArticles: [] })
    expect((await jobs('deliverWebhook')).length).toBe(before)
  })

  it('loads 20,000 rows', async () => {
    const file = path.join(t.dataDir, 'retraction-watch.csv')
    const lines = [HEADER]
    for (let i = 0; i < 20_000; i += 1) {
      lines.push(
        `${i},"Paper ${i}, retracted",${(i % 12) + 1}/${(i % 28) + 1}/2024 0:00,10.5555/bulk.${i},${30_000_000 + i},Retraction,+Error`,
      )
    }
    fs.writeFileSync(file, `${lines.join('\n')}\n`)
    const summary = await importRetractions({
      payload: t.payload,
      input: fs.createReadStream(file),
    })
    console.log(`Imported 20,000 retraction rows in ${summary.milliseconds} ms`)
    expect(summary).toMatchObject({ rows: 20_000, added: 20_000, skipped: 0 })
    const { totalDocs } = await t.payload.count({ collection: 'retractions' })
    expect(totalDocs).toBe(20_002)
  }, 120_000)
})

describe('plain language', () => {
  it('measures the body on every save and warns of old sources', async () => {
    const article = await newArticle('Plain words')
    expect(article.readability?.fleschKincaidGrade).toEqual(expect.any(Number))
    const panel = (await (
      await t.rest(`/articles/${article.id}/workflow`, { token: tokens.writer })
    ).json()) as {
      warnings: { rule: string; severity: string }[]
      checks: { rule: string; ok: boolean }[]
    }
    // The seed's first source is from 2012: more than SOURCE_MAX_AGE_YEARS (10) ago.
    expect(panel.warnings).toContainEqual(
      expect.objectContaining({ rule: 'sourceAge', severity: 'warning' }),
    )
    expect(panel.checks.every((check) => 'ok' in check && 'message' in check)).toBe(true)
    const { doc } = (await (
      await t.rest(`/articles/${article.id}?draft=true`, {
        method: 'PATCH',
        token: tokens.writer,
        json: {
          body: [
            {
              type: 'p',
              children: [
                {
                  text: 'The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.',
                },
              ],
            },
          ],
        },
      })
    ).json()) as { doc: Article }
    expect(doc.readability).toEqual({ fleschKincaidGrade: 13.1, smog: expect.any(Number) })
  })
})
