import fs from 'node:fs'
import path from 'node:path'

import { CASES } from './cases'
import type { CaseName, CaseResult } from './cases'

/** The delivery figures a scale run and its reference keep: the article's and the static file's. */
type DeliveryFigures = {
  articleRps: number
  articleP99Ms: number
  staticRps: number
  staticP99Ms: number
}

/** A run at more than 10,000 articles, kept beside the 10,000-article run it is compared with. */
export type ScaleResult = DeliveryFigures & {
  date: string
  articles: number
  /** The host's proactive reclaim, when it runs one (`proactiveReclaim`). */
  reclaim?: string
  rssMb: number
  seedMs: number
  coldStartMs: number
  /** Every article requested once before the rounds (`readEveryArticle`). */
  firstPass?: CaseResult
  /** Then once more, in brotli. */
  firstPassBr?: CaseResult
  /**
   * A server of the full run's size seeded in the same run and loaded in turns with this one: what
   * the targets compare with (the machine's speed moves by a quarter between runs minutes apart).
   */
  reference?: ScaleReference
}

export type ScaleReference = DeliveryFigures & { articles: number; coldStartMs: number }

export type BenchResult = {
  date: string
  /** `reclaim`: the host's proactive reclaim, when it runs one (`proactiveReclaim`). */
  machine: { cpus: number; memoryGb: number; reclaim?: string }
  articles: number
  seedMs: number
  coldStartMs: number
  /** Until the admin answers too: Next prepares while the delivery API already serves. */
  adminReadyMs?: number
  /** Every article requested once before the rounds (`readEveryArticle`). */
  firstPass?: CaseResult
  /** Then once more, in brotli. */
  firstPassBr?: CaseResult
  rssMb: number
  /** Right after the rerender, while the render thread that did it was still up. */
  rssRenderingMb?: number
  cases: Record<CaseName, CaseResult>
  /** Approve then publish, one article after another, while the delivery API is under load. */
  decisionMs: { p50: number; p99: number }
  /** From saving the disclaimer every article shows to the last rendering made again. */
  rerenderMs: number
  /** The largest the database's write-ahead log was during the rerender (SQLite). */
  rerenderWalMb?: number
  /**
   * The article case's load while the decisions ran, alone just before the rerender (`idle`, the
   * same load as beside the rerender), and while the rerender ran.
   */
  during: { decisions: CaseResult; idle?: CaseResult; rerender: CaseResult }
  scale?: ScaleResult
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0)
const times = (value: number) => `${value.toFixed(2)}×`
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

const deliveryFigures = (cases: Partial<Record<CaseName, CaseResult>>): DeliveryFigures => ({
  articleRps: cases.article?.rps ?? 0,
  articleP99Ms: cases.article?.p99Ms ?? 0,
  staticRps: cases.static?.rps ?? 0,
  staticP99Ms: cases.static?.p99Ms ?? 0,
})

/** "static … req/s (p99 …), article … req/s (p99 …, ratio)" of one server. */
const deliverySentence = (f: DeliveryFigures): string =>
  `static ${f.staticRps} req/s (p99 ${f.staticP99Ms} ms), article ${f.articleRps} req/s (p99 ${f.articleP99Ms} ms, ${times(ratio(f.articleRps, f.staticRps))})`

type Target = readonly [label: string, isMet: boolean, measured: string]

const TARGETS = (r: BenchResult): Target[] => {
  const { article, articleBr, listPage1, listPage400, payloadRest, adminList } = r.cases
  const base = r.cases.static
  return [
    [
      'Article by slug (identity) ≥ 1.5× static file req/s',
      article.rps >= 1.5 * base.rps,
      times(ratio(article.rps, base.rps)),
    ],
    [
      'Article by slug p99 ≤ static file p99',
      article.p99Ms <= base.p99Ms,
      `${article.p99Ms} vs ${base.p99Ms} ms`,
    ],
    [
      'Article by slug (brotli) ≥ 1.5× static file req/s',
      articleBr.rps >= 1.5 * base.rps,
      times(ratio(articleBr.rps, base.rps)),
    ],
    [
      'Article by slug ≥ 10× Payload REST depth 2',
      article.rps >= 10 * payloadRest.rps,
      `${ratio(article.rps, payloadRest.rps).toFixed(1)}×`,
    ],
    [
      'List page 400 p50 within 2× of page 1',
      listPage400.p50Ms <= 2 * Math.max(listPage1.p50Ms, 1),
      `${listPage400.p50Ms} vs ${listPage1.p50Ms} ms`,
    ],
    ['Cold start through npm start < 2 s', r.coldStartMs < 2000, seconds(r.coldStartMs)],
    [
      `Seeding ${r.articles} articles < 90 s (target at 10,000)`,
      r.seedMs < 90_000,
      seconds(r.seedMs),
    ],
    ['Server RSS after the run < 500 MB', r.rssMb < 500, `${r.rssMb} MB`],
    [
      'Approve + publish p99 < 300 ms under delivery load',
      r.decisionMs.p99 < 300,
      `${r.decisionMs.p99} ms (p50 ${r.decisionMs.p50})`,
    ],
    ['Admin articles list p50 < 100 ms', adminList.p50Ms < 100, `${adminList.p50Ms} ms`],
    [
      `Rerender of ${r.articles} < 60 s (target at 10,000)`,
      r.rerenderMs < 60_000,
      seconds(r.rerenderMs),
    ],
    rerenderTail(r, article),
    ...(r.scale ? scaleTargets(r, r.scale) : []),
  ]
}

/**
 * The delivery p99 during the rerender against the idle one measured the same way just before
 * (results from before that measure compare with the article case's p99, as they did).
 */
const rerenderTail = (r: BenchResult, article: CaseResult): Target => {
  const during = r.during.rerender.p99Ms
  const idle = r.during.idle
  return idle
    ? [
        'Delivery p99 during the rerender < 2× idle (the same load just before)',
        during < 2 * idle.p99Ms,
        `${during} vs ${idle.p99Ms} ms (the article case's p99: ${article.p99Ms} ms)`,
      ]
    : [
        'Delivery p99 during the rerender < 2× idle',
        during < 2 * article.p99Ms,
        `${during} vs ${article.p99Ms} ms`,
      ]
}

const scaleTargets = (r: BenchResult, s: ScaleResult): Target[] => {
  const at = `At ${s.articles.toLocaleString('en')}`
  // The same run's reference when there is one; the full run's figures otherwise.
  const compared = s.reference ?? {
    articles: r.articles,
    articleRps: r.cases.article.rps,
    staticRps: r.cases.static.rps,
    coldStartMs: r.coldStartMs,
  }
  const of = s.reference ? `the same run's ${compared.articles}` : `the ${compared.articles}`
  const baseRatio = ratio(compared.articleRps, compared.staticRps)
  const scaleRatio = ratio(s.articleRps, s.staticRps)
  return [
    [
      `${at}: article/static ≥ 0.9× ${of} ratio`,
      scaleRatio >= 0.9 * baseRatio,
      // Beside it, the article's rate against the reference's, loaded in turns with it: the
      // same comparison without the static file, whose rate moves by a fifth between rounds on
      // one server.
      `${times(scaleRatio)} vs ${times(baseRatio)} (${ratio(scaleRatio, baseRatio).toFixed(2)}` +
        (s.reference
          ? `; the article alone ${times(ratio(s.articleRps, compared.articleRps))} the reference's)`
          : ')'),
    ],
    [
      `${at}: cold start within 1.2× of ${of} one`,
      s.coldStartMs <= 1.2 * compared.coldStartMs,
      `${seconds(s.coldStartMs)} vs ${seconds(compared.coldStartMs)}`,
    ],
    [`${at}: server RSS < 500 MB`, s.rssMb < 500, `${s.rssMb} MB`],
    [`${at}: seeding < 10 min`, s.seedMs < 600_000, seconds(s.seedMs)],
  ]
}

export const resultTable = ({
  result: r,
  peakRssMb,
}: {
  result: BenchResult
  peakRssMb?: number
}): string => {
  const base = r.cases.static.rps || 1
  const row = (name: string, c: CaseResult) =>
    `| ${name} | ${c.rps} | ${c.p50Ms} | ${c.p99Ms} | ${(c.rps / base).toFixed(2)}× |`
  const targets = TARGETS(r).map(
    ([label, isMet, value]) => `| ${label} | ${value} | ${isMet ? 'met' : '**missed**'} |`,
  )
  const scale = r.scale
  /** The first pass's sentence, for the full run and the scale run alike. */
  const firstPassSentence = (firstPass?: CaseResult, firstPassBr?: CaseResult) =>
    firstPass
      ? ` Before the rounds, every article read once: ${firstPass.rps} req/s (p99 ${firstPass.p99Ms} ms)` +
        (firstPassBr
          ? `, then once in brotli: ${firstPassBr.rps} req/s (p99 ${firstPassBr.p99Ms} ms).`
          : '.')
      : ''
  return [
    `Signoff benchmark, ${r.date.slice(0, 10)}: ${r.articles} articles, ${r.machine.cpus} cores, ${r.machine.memoryGb} GB${r.machine.reclaim ? `; ${r.machine.reclaim}` : ''}.`,
    '',
    '| case | req/s | p50 ms | p99 ms | vs static |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...CASES.map((name) => row(name, r.cases[name])),
    row('article, during decisions', r.during.decisions),
    ...(r.during.idle ? [row('article, alone before the rerender', r.during.idle)] : []),
    row('article, during rerender', r.during.rerender),
    '',
    `Seeding ${seconds(r.seedMs)}, cold start ${r.coldStartMs} ms${r.adminReadyMs ? ` (admin ready at ${r.adminReadyMs} ms)` : ''}, server RSS after the run ${r.rssMb} MB${r.rssRenderingMb ? ` (${r.rssRenderingMb} MB right after the rerender, its render thread still up)` : ''}${peakRssMb ? ` (peak ${peakRssMb} MB)` : ''}. ` +
      `Approve + publish p50 ${r.decisionMs.p50} ms, p99 ${r.decisionMs.p99} ms; rerender ${seconds(r.rerenderMs)}${r.rerenderWalMb === undefined ? '' : ` (write-ahead log at most ${r.rerenderWalMb} MB)`}.` +
      firstPassSentence(r.firstPass, r.firstPassBr),
    ...(scale
      ? [
          '',
          `At ${scale.articles} articles (scale run of ${scale.date.slice(0, 16).replace('T', ' ')} UTC): ${deliverySentence(scale)}, ` +
            `seeding ${seconds(scale.seedMs)}, cold start ${scale.coldStartMs} ms, RSS ${scale.rssMb} MB.` +
            (scale.reclaim ? ` On this host ${scale.reclaim}.` : '') +
            firstPassSentence(scale.firstPass, scale.firstPassBr) +
            (scale.reference
              ? ` Beside it, in turns, a server of ${scale.reference.articles} articles seeded in the same run: ${deliverySentence(scale.reference)}, cold start ${scale.reference.coldStartMs} ms. ` +
                `Against this full run instead: ${times(ratio(scale.articleRps, scale.staticRps))} vs ${times(ratio(r.cases.article.rps, r.cases.static.rps))}, cold start ${scale.coldStartMs} vs ${r.coldStartMs} ms.`
              : ''),
        ]
      : []),
    '',
    '| target | measured | |',
    '| --- | --- | --- |',
    ...targets,
  ].join('\n')
}

/** The run a scale run is compared with: the last full run in `outDir`, or null. */
export const baseResult = (outDir: string): BenchResult | null => {
  const file = path.join(outDir, 'latest.json')
  if (!fs.existsSync(file)) {
    return null
  }
  const result = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<BenchResult>
  return result.cases?.adminList && result.decisionMs ? (result as BenchResult) : null
}

/**
 * The scale figures in `outDir`'s last results, if any: a full run keeps them beside its own (a
 * scale run takes about half an hour) until the next scale run replaces them.
 */
export const lastScale = (outDir: string): ScaleResult | undefined => {
  const file = path.join(outDir, 'latest.json')
  if (!fs.existsSync(file)) {
    return undefined
  }
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<BenchResult>).scale
}

/** The scale figures of a run at more than 10,000 articles, from its cases and its reference's. */
export const scaleResult = ({
  date,
  articles,
  cases,
  rssMb,
  seedMs,
  coldStartMs,
  firstPass,
  firstPassBr,
  reference,
  reclaim,
}: {
  date: string
  articles: number
  reclaim?: string | null
  cases: Partial<Record<CaseName, CaseResult>>
  rssMb: number
  seedMs: number
  coldStartMs: number
  firstPass: CaseResult
  firstPassBr?: CaseResult
  reference?: {
    articles: number
    cases: Partial<Record<CaseName, CaseResult>>
    coldStartMs: number
  }
}): ScaleResult => ({
  date,
  articles,
  ...(reclaim ? { reclaim } : {}),
  ...deliveryFigures(cases),
  rssMb,
  seedMs,
  coldStartMs,
  firstPass,
  ...(firstPassBr ? { firstPassBr } : {}),
  ...(reference
    ? {
        reference: {
          articles: reference.articles,
          ...deliveryFigures(reference.cases),
          coldStartMs: reference.coldStartMs,
        },
      }
    : {}),
})

export const writeResults = ({
  result,
  peakRssMb,
  outDir,
  log,
}: {
  result: BenchResult
  peakRssMb?: number
  outDir: string
  log: (l: string) => void
}) => {
  fs.mkdirSync(outDir, { recursive: true })
  fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`)
  const table = resultTable({ result, peakRssMb })
  fs.writeFileSync(path.join(outDir, 'latest.md'), `${table}\n`)
  log(`\n${table}\n\nWritten to ${path.join(outDir, 'latest.json')} and latest.md.`)
}
