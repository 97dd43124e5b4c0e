/**
 * `npm run worker` runs the job queues by itself: web instances with JOBS_AUTORUN=false leave
 * them to it, and it answers no HTTP request. An editor's scheduled expiry of a live article is
 * applied by the worker when its time comes, as a deployment with one worker would see it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { startApp } from '../helpers/startApp'
import type { RunningApp } from '../helpers/startApp'

const SLUG = 'causes-of-lower-back-spasms'
let web: RunningApp & { dataDir: string }
let worker: RunningApp | undefined

beforeAll(async () => {
  web = await startApp({ env: { JOBS_AUTORUN: 'false' } })
}, 300_000)

afterAll(async () => {
  await worker?.stop()
  await web?.stop()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('a worker beside web instances', () => {
  it('applies a scheduled archive at its time, though it answers no request', async () => {
    const login = await fetch(`${web.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'editor@example.com', password: 'signoff-demo' }),
    })
    const { token } = (await login.json()) as { token: string }
    const { docs } = (await (await fetch(`${web.url}/api/articles?depth=0`)).json()) as {
      docs: { id: number }[]
    }
    const at = new Date(Date.now() + 5_000).toISOString()
    const scheduled = await fetch(`${web.url}/api/articles/${docs[0]?.id}/workflow`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
      body: JSON.stringify({ action: 'archive', at }),
    })
    expect(scheduled.status).toBe(202)
    await sleep(Math.max(0, new Date(at).getTime() - Date.now()) + 12_000)
    // The web instance runs no jobs: the article is still live after its time.
    expect((await fetch(`${web.url}/content/v1/articles/${SLUG}`)).status).toBe(200)

    worker = await startApp({ script: 'worker', dataDir: web.dataDir })
    const deadline = Date.now() + 90_000
    let status = 200
    while (Date.now() < deadline && status !== 404) {
      await sleep(2_000)
      status = (await fetch(`${web.url}/content/v1/articles/${SLUG}`)).status
    }
    expect(status).toBe(404)
    const record = (await (
      await fetch(`${web.url}/api/review-records?sort=-at&limit=1&depth=0`, {
        headers: { authorization: `JWT ${token}` },
      })
    ).json()) as { docs: { action: string; actorName: string; note: string }[] }
    expect(record.docs[0]).toMatchObject({ action: 'archive', actorName: 'Eddie Editor' })
    expect(record.docs[0]?.note).toMatch(/^Scheduled by Eddie Editor/)
  }, 240_000)
})
