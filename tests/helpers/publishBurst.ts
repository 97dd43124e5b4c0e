/**
 * The crash test's other process: opens Signoff on an existing SQLite file and drives it through
 * the workflow endpoint, in process (the handler the /api route runs).
 *
 *   node --import tsx tests/helpers/publishBurst.ts prepare
 *     seeds the demo, then makes FRESH articles at `approved` and LIVE ones that are published with
 *     a newer approved draft; prints `manifest <json>` (a CrashManifest) and exits.
 *   node --import tsx tests/helpers/publishBurst.ts publish <id,id,...>
 *     publishes them all at once as the editor, through the workflow endpoint and (every third)
 *     Payload's own Publish, and prints `answered <id> <status>` as each answers.
 *
 * The database, secret and data folder come from DATABASE_URI, PAYLOAD_SECRET and DATA_DIR; the
 * demo accounts' password from CRASH_PASSWORD.
 */
import { pathToFileURL } from 'node:url'

import { getPayload, handleEndpoints } from 'payload'
import type { Payload } from 'payload'

import { seedDemo } from '@/seed/seedDemo'
import { contentOf } from './articleContent'
import { decide } from './decision'

export type CrashManifest = {
  seedId: number
  fresh: { id: number; slug: string; title: string }[]
  live: { id: number; slug: string; liveTitle: string; draftTitle: string }[]
}

export type Signoff = {
  payload: Payload
  /** Payload's REST door, in process. */
  rest: (
    path: string,
    init?: { method?: string; token?: string; json?: unknown },
  ) => Promise<Response>
  logIn: (email: string) => Promise<string>
}

/** Signoff on an existing database, opened the way the app opens it (the config reads the env). */
export const openSignoff = async ({
  databaseUrl,
  dataDir,
  secret,
  password,
}: {
  databaseUrl: string
  dataDir: string
  secret: string
  password: string
}): Promise<Signoff> => {
  process.env.DATABASE_URI = databaseUrl
  process.env.DATA_DIR = dataDir
  process.env.PAYLOAD_SECRET = secret
  process.env.DATABASE_PUSH = 'true'
  process.env.JOBS_AUTORUN = 'false'
  const { default: config } = await import('@payload-config')
  const payload = await getPayload({ config })
  const rest: Signoff['rest'] = async (route, { method = 'GET', token, json } = {}) =>
    handleEndpoints({
      config,
      request: new Request(`http://localhost:3000/api${route}`, {
        method,
        headers: {
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `JWT ${token}` } : {}),
        },
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      }),
    })
  const logIn: Signoff['logIn'] = async (email) => {
    const res = await rest('/users/login', { method: 'POST', json: { email, password } })
    if (res.status !== 200) {
      throw new Error(`login as ${email} answered ${res.status}`)
    }
    return ((await res.json()) as { token: string }).token
  }
  return { payload, rest, logIn }
}

const FRESH = 40
const LIVE = 8

const prepare = async ({ signoff, password }: { signoff: Signoff; password: string }) => {
  const { payload, rest, logIn } = signoff
  const { articleId: seedId } = await seedDemo({
    payload,
    demoPassword: password,
    withDemoAccounts: true,
    reviewIntervalMonths: 24,
  })
  const [writer, reviewer, editor] = await Promise.all(
    ['writer', 'reviewer', 'editor'].map((who) => logIn(`${who}@example.com`)),
  )
  const seed = await payload.findByID({ collection: 'articles', id: seedId, depth: 0 })
  const template = contentOf(seed)
  const expectOk = async (res: Response, what: string) => {
    if (res.status !== 200 && res.status !== 201) {
      throw new Error(`prepare: ${what} answered ${res.status} ${await res.text()}`)
    }
    return (await res.json()) as { doc?: { id: number } }
  }
  const step = async (id: number, token: string | undefined, action: string) =>
    expectOk(await decide({ rest, id, token, action }), `${action} of article ${id}`)
  const approvedArticle = async (title: string, slug: string) => {
    const created = await expectOk(
      await rest('/articles', {
        method: 'POST',
        token: writer,
        json: { ...template, title, slug },
      }),
      `creating ${slug}`,
    )
    const id = created.doc?.id as number
    await step(id, writer, 'submit')
    await step(id, reviewer, 'approve')
    return id
  }
  const manifest: CrashManifest = { seedId: seedId as number, fresh: [], live: [] }
  for (let n = 1; n <= FRESH; n += 1) {
    const title = `Crash test article ${n}`
    const slug = `crash-fresh-${n}`
    manifest.fresh.push({ id: await approvedArticle(title, slug), slug, title })
  }
  for (let n = 1; n <= LIVE; n += 1) {
    const liveTitle = `Crash test live article ${n}`
    const draftTitle = `${liveTitle}, revised`
    const slug = `crash-live-${n}`
    const id = await approvedArticle(liveTitle, slug)
    await step(id, editor, 'publish')
    // Editing a live article saves a new draft; it is reviewed again while the old version stays live.
    await expectOk(
      await rest(`/articles/${id}`, {
        method: 'PATCH',
        token: writer,
        json: { title: draftTitle },
      }),
      `editing ${slug}`,
    )
    await step(id, writer, 'submit')
    await step(id, reviewer, 'approve')
    manifest.live.push({ id, slug, liveTitle, draftTitle })
  }
  process.stdout.write(`manifest ${JSON.stringify(manifest)}\n`)
}

const publishAll = async ({ signoff, ids }: { signoff: Signoff; ids: number[] }) => {
  const { rest, logIn } = signoff
  const editor = await logIn('editor@example.com')
  await Promise.all(
    ids.map(async (id, index) => {
      // Every third one through Payload's own door (the admin's Publish button), the rest through ours.
      const res =
        index % 3 === 2
          ? await rest(`/articles/${id}`, {
              method: 'PATCH',
              token: editor,
              json: { _status: 'published' },
            })
          : await rest(`/articles/${id}/workflow`, {
              method: 'POST',
              token: editor,
              json: { action: 'publish' },
            })
      // Written synchronously to the pipe: the parent sees each answer the moment it exists.
      process.stdout.write(`answered ${id} ${res.status}\n`)
    }),
  )
}

const main = async () => {
  const [mode, idList = ''] = process.argv.slice(2)
  const { DATABASE_URI, DATA_DIR, PAYLOAD_SECRET, CRASH_PASSWORD } = process.env
  if (!DATABASE_URI?.startsWith('file:') || !DATA_DIR || !PAYLOAD_SECRET || !CRASH_PASSWORD) {
    throw new Error('Set DATABASE_URI (a file: URL), DATA_DIR, PAYLOAD_SECRET and CRASH_PASSWORD.')
  }
  const password = CRASH_PASSWORD
  const signoff = await openSignoff({
    databaseUrl: DATABASE_URI,
    dataDir: DATA_DIR,
    secret: PAYLOAD_SECRET,
    password,
  })
  if (mode === 'prepare') {
    await prepare({ signoff, password })
  } else if (mode === 'publish') {
    await publishAll({ signoff, ids: idList.split(',').map(Number) })
  } else {
    throw new Error(`unknown mode ${JSON.stringify(mode)}: use prepare or publish <ids>`)
  }
  // Payload keeps timers and connections open; the parent only waits for the exit code.
  process.exit(0)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
