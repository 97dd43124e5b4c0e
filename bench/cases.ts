import fs from 'node:fs'
import path from 'node:path'

import autocannon from 'autocannon'

import { BENCH_STATIC_PATH } from '@/config/env'

import { processUse, usedSince } from './server'

export type CaseName =
  | 'static'
  | 'article'
  | 'articleBr'
  | 'articleNotModified'
  | 'listPage1'
  | 'listPage400'
  | 'payloadRest'
  | 'adminList'
export type CaseResult = { rps: number; p50Ms: number; p99Ms: number }

export type Plan = () => { path: string; headers?: Record<string, string> }

export const CASES: CaseName[] = [
  'static',
  'article',
  'articleBr',
  'articleNotModified',
  'listPage1',
  'listPage400',
  'payloadRest',
  'adminList',
]

/** What a run at more than 10,000 articles measures: how delivery holds up as the library grows. */
export const SCALE_CASES: CaseName[] = [
  'static',
  'article',
  'articleBr',
  'listPage1',
  'listPage400',
]

/** One editor at a time opens the list: its latency, not how many fit in at once. */
const CONNECTIONS: Partial<Record<CaseName, number>> = { adminList: 1 }

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T

/**
 * Loads `paths` for `seconds`, or, given `until`, from now until it settles (its outcome is
 * the caller's to read).
 */
export const load = async ({
  base,
  paths,
  seconds,
  connections,
  until,
  amount,
}: {
  base: string
  paths: Plan
  seconds: number
  connections: number
  until?: Promise<unknown>
  /** This many requests, however long they take (instead of `seconds`). */
  amount?: number
}): Promise<CaseResult & { non2xx: number; errors: number }> => {
  const running = autocannon({
    url: base,
    connections,
    duration: until ? 3600 : seconds,
    ...(amount === undefined ? {} : { amount }),
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const next = paths()
          return { ...request, path: next.path, headers: { ...request.headers, ...next.headers } }
        },
      },
    ],
  })
  // Typed as a plain promise; autocannon's result is also the run, which can be stopped.
  void until?.finally(() => (running as unknown as { stop: () => void }).stop())
  const result = await running
  return {
    // autocannon's average is of whole seconds sampled: a run of a set amount that lasts a few
    // seconds (the first passes at 10,000) came out the same whatever its pace.
    rps: Math.round(
      amount === undefined ? result.requests.average : result.requests.total / result.duration,
    ),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

/**
 * Every article requested once, in a random order, before the cases: the rounds then measure a
 * server whose library has been read, as one that has served for a while has, not the first reads
 * of files the operating system has not cached yet (at 100,000 articles, 4 GB). Once as identity,
 * then once in brotli (`encoding`): a brotli answer reads its own body, stored after the identity
 * one in the row, which the identity pass never read. How fast each pass went is reported beside
 * the rounds.
 */
export const readEveryArticle = async ({
  base,
  slugs,
  connections,
  encoding,
}: {
  base: string
  slugs: string[]
  connections: number
  encoding?: 'br'
}): Promise<CaseResult & { non2xx: number; errors: number }> => {
  const order = [...slugs]
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[order[i], order[j]] = [order[j] as string, order[i] as string]
  }
  let next = 0
  const headers = encoding ? { 'accept-encoding': encoding } : undefined
  return load({
    base,
    paths: () => ({ path: `/content/v1/articles/${order[next++ % order.length]}`, headers }),
    seconds: 0,
    connections,
    amount: order.length,
  })
}

/**
 * What each case requests, from the running server: a served article copied to `staticDir` for
 * the static baseline, the ETags of up to 500 articles, the deepest list page up to 400, and the
 * admin's articles list as the editor (`editorToken`) opens it: first page, default columns,
 * newest change first.
 */
export const casePlans = async ({
  base,
  slugs,
  staticDir,
  editorToken,
}: {
  base: string
  slugs: string[]
  staticDir: string
  editorToken: string
}): Promise<Record<CaseName, Plan>> => {
  const sample = slugs[0] as string
  const sampleBody = await (await fetch(`${base}/content/v1/articles/${sample}`)).text()
  fs.mkdirSync(staticDir, { recursive: true })
  fs.writeFileSync(path.join(staticDir, 'article.json'), sampleBody)
  const etags = new Map<string, string>()
  for (const slug of slugs.slice(0, 500)) {
    const res = await fetch(`${base}/content/v1/articles/${slug}`)
    etags.set(slug, res.headers.get('etag') ?? '')
  }
  const tagged = [...etags.keys()]
  const { totalPages } = (await (await fetch(`${base}/content/v1/articles?page=1`)).json()) as {
    totalPages: number
  }
  const deepPage = Math.max(1, Math.min(400, totalPages))
  const adminList = {
    path: '/admin/collections/articles?limit=10&page=1&sort=-updatedAt',
    headers: { cookie: `payload-token=${editorToken}` },
  }
  // Once before it is measured: the admin's first page load compiles, and a login page is no list.
  const listPage = await fetch(`${base}${adminList.path}`, {
    headers: adminList.headers,
    redirect: 'manual',
  })
  if (listPage.status !== 200) {
    throw new Error(`the admin's articles list answered ${listPage.status} for the editor`)
  }
  return {
    static: () => ({ path: `${BENCH_STATIC_PATH}/article.json` }),
    article: () => ({ path: `/content/v1/articles/${pick(slugs)}` }),
    articleBr: () => ({
      path: `/content/v1/articles/${pick(slugs)}`,
      headers: { 'accept-encoding': 'br' },
    }),
    articleNotModified: () => {
      const slug = pick(tagged)
      return {
        path: `/content/v1/articles/${slug}`,
        headers: { 'if-none-match': etags.get(slug) ?? '' },
      }
    },
    listPage1: () => ({ path: '/content/v1/articles?page=1' }),
    listPage400: () => ({ path: `/content/v1/articles?page=${deepPage}` }),
    payloadRest: () => ({ path: `/api/articles?where[slug][equals]=${pick(slugs)}&depth=2` }),
    adminList: () => adminList,
  }
}

/**
 * A server the cases load, and what they request from it; with its process id, each round's log
 * line says how many cores it used, on which threads, and how much it read from the disk.
 */
export type Side = { label: string; base: string; plans: Record<CaseName, Plan>; pid?: number }

type Medians = Partial<Record<CaseName, CaseResult>>

/**
 * Loads each case with autocannon, alternating cases over several rounds, and, given several
 * servers (a scale run and its reference), each case on the servers in turn, the first one first
 * in odd rounds and last in even ones: a machine that speeds up or slows down over minutes weighs
 * on both alike, and the two figures a ratio compares are taken seconds apart instead of a minute.
 * Keeps the medians, by server.
 */
export const runCasesBeside = async ({
  sides,
  names = CASES,
  rounds,
  seconds,
  warmupSeconds,
  connections: defaultConnections,
  log,
}: {
  sides: Side[]
  names?: CaseName[]
  rounds: number
  seconds: number
  warmupSeconds: number
  connections: number
  log: (l: string) => void
}): Promise<Record<string, Medians>> => {
  const runs = new Map(sides.map((side) => [side, new Map<CaseName, CaseResult[]>()]))
  for (let round = 1; round <= rounds; round += 1) {
    const order = round % 2 === 1 ? sides : [...sides].reverse()
    for (const name of names) {
      for (const side of order) {
        const connections = CONNECTIONS[name] ?? defaultConnections
        const { base, plans } = side
        if (warmupSeconds > 0) {
          await load({ base, paths: plans[name], seconds: warmupSeconds, connections })
        }
        const before = side.pid === undefined ? null : processUse(side.pid)
        const result = await load({ base, paths: plans[name], seconds, connections })
        const used = before === null ? null : usedSince(before)
        const byCase = runs.get(side) as Map<CaseName, CaseResult[]>
        byCase.set(name, [...(byCase.get(name) ?? []), result])
        const label = sides.length > 1 ? `${side.label} ` : ''
        log(
          `  round ${round}/${rounds} ${label}${name.padEnd(18)} ${String(result.rps).padStart(7)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms${result.errors ? `  errors ${result.errors}` : ''}${used ? `  server ${used}` : ''}`,
        )
      }
    }
  }
  return Object.fromEntries(
    sides.map((side) => {
      const byCase = runs.get(side) as Map<CaseName, CaseResult[]>
      return [
        side.label,
        Object.fromEntries(
          names.map((name) => {
            const results = byCase.get(name) ?? []
            return [
              name,
              {
                rps: median(results.map((r) => r.rps)),
                p50Ms: median(results.map((r) => r.p50Ms)),
                p99Ms: median(results.map((r) => r.p99Ms)),
              },
            ]
          }),
        ),
      ]
    }),
  )
}
