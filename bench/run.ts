/**
 * `npm run bench` (10,000 articles, 10 s per case, 3 rounds) or `npm run bench -- --quick`
 * (1,000 articles, 3 s per case). Options: --articles N --seconds S --rounds R --connections C.
 * More than 10,000 articles (`--articles 100000`) is a scale run: delivery cases only, 5 rounds,
 * written as `scale` beside the last full run in bench/results/latest.json.
 */
import path from 'node:path'

import { ensureBuild } from '@/cli/ensureBuild'
import { FULL_RUN_ARTICLES, runBench } from './harness'

const args = process.argv.slice(2)
const value = (name: string): number | undefined => {
  const index = args.indexOf(`--${name}`)
  return index >= 0 ? Number(args[index + 1]) : undefined
}
const isQuick = args.includes('--quick')
const articles = value('articles') ?? (isQuick ? 1000 : FULL_RUN_ARTICLES)
/**
 * A scale run's target compares two servers' ratios to the static file, whose rate moves by up to
 * 60% between rounds of one server: five rounds each instead of three (about four minutes more).
 */
const SCALE_ROUNDS = 5

ensureBuild({ env: process.env })
  .then(() =>
    runBench({
      articles,
      seconds: value('seconds') ?? (isQuick ? 3 : 10),
      warmupSeconds: isQuick ? 1 : 2,
      rounds: value('rounds') ?? (articles > FULL_RUN_ARTICLES ? SCALE_ROUNDS : 3),
      connections: value('connections') ?? 50,
      outDir: path.resolve('bench/results'),
    }),
  )
  .then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
