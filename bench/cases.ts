import fs from 'node:fs'
import path from 'node:path'

import autocannon from 'autocannon'

export type CaseName =
  'static' | 'article' | 'articleNotModified' | 'listPage1' | 'listPage400' | 'payloadRest'
export type CaseResult = { rps: number; p50Ms: number; p99Ms: number }

type Plan = () => { path: string; headers?: Record<string, string> }

export const CASES: CaseName[] = [
  'static',
  'article',
  'articleNotModified',
  'listPage1',
  'listPage400',
  'payloadRest',
]

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T

const load = async ({
  base,
  paths,
  headers,
  seconds,
  connections,
}: {
  base: string
  paths: Plan
  headers?: Record<string, string>
  seconds: number
  connections: number
}): Promise<CaseResult & { non2xx: number; errors: number }> => {
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    headers,
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
  return {
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

/**
 * What each case requests, from the running server: a served article copied to `staticDir` for
 * the static baseline, the ETags of up to 500 articles, the deepest list page up to 400.
 */
export const casePlans = async ({
  base,
  slugs,
  staticDir,
}: {
  base: string
  slugs: string[]
  staticDir: string
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
  return {
    static: () => ({ path: '/bench-static/article.json' }),
    article: () => ({ path: `/content/v1/articles/${pick(slugs)}` }),
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
  }
}

/** Loads each case with autocannon, alternating cases over several rounds; keeps the medians. */
export const runCases = async ({
  base,
  plans,
  rounds,
  seconds,
  warmupSeconds,
  connections,
  log,
}: {
  base: string
  plans: Record<CaseName, Plan>
  rounds: number
  seconds: number
  warmupSeconds: number
  connections: number
  log: (l: string) => void
}): Promise<Record<CaseName, CaseResult>> => {
  const runs: Record<CaseName, CaseResult[]> = {
    static: [],
    article: [],
    articleNotModified: [],
    listPage1: [],
    listPage400: [],
    payloadRest: [],
  }
  for (let round = 1; round <= rounds; round += 1) {
    for (const name of CASES) {
      if (warmupSeconds > 0) {
        await load({ base, paths: plans[name], seconds: warmupSeconds, connections })
      }
      const result = await load({ base, paths: plans[name], seconds, connections })
      runs[name].push(result)
      log(
        `  round ${round}/${rounds} ${name.padEnd(18)} ${String(result.rps).padStart(7)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms${result.errors ? `  errors ${result.errors}` : ''}`,
      )
    }
  }
  return Object.fromEntries(
    CASES.map((name) => [
      name,
      {
        rps: median(runs[name].map((r) => r.rps)),
        p50Ms: median(runs[name].map((r) => r.p50Ms)),
        p99Ms: median(runs[name].map((r) => r.p99Ms)),
      },
    ]),
  ) as Record<CaseName, CaseResult>
}
