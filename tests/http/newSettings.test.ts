/**
 * A deployment that changes its public-site settings (a new SERVER_URL: a move to another domain)
 * gets every live article rendered again in the background when it starts, not only one by one
 * as readers ask for them. Two `npm start`s on one database, each with its own address.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from '@jest/globals'
import Database from 'libsql'

import { startApp } from '../helpers/startApp'
import type { RunningApp } from '../helpers/startApp'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-new-settings-'))
const running: RunningApp[] = []

afterAll(async () => {
  for (const app of running) {
    await app.stop()
  }
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/** Each stored rendering's slug, settings and `url`, read from the file as another process would. */
const renderings = () => {
  const db = new Database(path.join(dataDir, 'signoff.db'), { readonly: true })
  try {
    return (
      db.prepare('SELECT slug, origin FROM published_articles ORDER BY slug').all() as {
        slug: string
        origin: string
      }[]
    ).map(({ slug, origin }) => ({ slug, origin }))
  } finally {
    db.close()
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('a new SERVER_URL', () => {
  it('has every live article rendered again for it at start-up, before anyone reads one', async () => {
    const first = await startApp({ dataDir })
    running.push(first)
    const before = renderings()
    expect(before.length).toBeGreaterThan(0)
    const oldOrigin = before[0]?.origin
    expect(new Set(before.map(({ origin }) => origin))).toEqual(new Set([oldOrigin]))
    await first.stop()

    // Another port: another SERVER_URL, so every stored rendering was made for other settings.
    const second = await startApp({ dataDir })
    running.push(second)
    let after = renderings()
    for (let waited = 0; waited < 60_000 && after.some((r) => r.origin === oldOrigin);) {
      await sleep(250)
      waited += 250
      after = renderings()
    }
    // No request for an article was made: the refresh job did it.
    expect(after.map(({ slug }) => slug)).toEqual(before.map(({ slug }) => slug))
    expect(after.filter(({ origin }) => origin === oldOrigin)).toEqual([])
    const slug = after[0]?.slug as string
    const res = await fetch(`${second.url}/content/v1/articles/${slug}`)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { url: string }).url).toBe(
      `${second.url}/content/v1/articles/${slug}`,
    )
  }, 300_000)
})
