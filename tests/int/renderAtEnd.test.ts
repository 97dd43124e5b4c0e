/**
 * An import saves many articles in one transaction: their renderings are made together at its
 * end (one read of the batch, not one per article), each the same as a publish alone makes, and
 * none is left out. A batch that fails renders nothing and leaves nothing published; once a batch
 * is over, a save renders at once again.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'
import type { PayloadRequest } from 'payload'

import type { Article } from '@payload-types'
import { identityBody, snapshotStore } from '@/db/readModelStore'
import { compressLater } from '@/delivery/readModel/compressLater'
import { refreshSnapshotNow } from '@/delivery/readModel/refresh'
import { renderAtEnd } from '@/delivery/readModel/renderAtEnd'
import { contentOf } from '../helpers/articleContent'
import { startTestPayload } from '../helpers/testPayload'
import type { TestPayload } from '../helpers/testPayload'

let t: TestPayload
let template: Partial<Article>

beforeAll(async () => {
  t = await startTestPayload()
  const id = await t.seedDemo('render-at-end-password')
  template = contentOf(await t.payload.findByID({ collection: 'articles', id, depth: 0 }))
})

afterAll(async () => {
  if (t) {
    await compressLater(t.payload).idle()
    await t.close()
  }
})

const publish = (req: PayloadRequest, slug: string) =>
  t.payload.create({
    collection: 'articles',
    context: { editorialTransition: 'seed' },
    draft: false,
    depth: 0,
    req,
    data: {
      ...template,
      title: `Imported ${slug}`,
      slug,
      _status: 'published',
      stage: 'published',
    },
  })

/** Runs `work` in a transaction of its own, committed if it succeeds and rolled back if not. */
const inTransaction = async <T>(work: (req: PayloadRequest) => Promise<T>): Promise<T> => {
  const req = await createLocalReq({}, t.payload)
  await initTransaction(req)
  try {
    const result = await work(req)
    await commitTransaction(req)
    return result
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}

/** Counts the Local API's reads of articles while `work` runs. */
const countingArticleReads = async (work: () => Promise<void>): Promise<number> => {
  const find = t.payload.find.bind(t.payload)
  let reads = 0
  t.payload.find = ((args: Parameters<typeof find>[0]) => {
    if (args.collection === 'articles') {
      reads += 1
    }
    return find(args)
  }) as typeof t.payload.find
  try {
    await work()
  } finally {
    t.payload.find = find
  }
  return reads
}

it('renders a batch of saves at its end, each as a publish alone renders it', async () => {
  const slugs = Array.from({ length: 12 }, (_, i) => `import-batch-${i}`)
  const ids: number[] = []
  const reads = await countingArticleReads(() =>
    inTransaction(async (req) => {
      await renderAtEnd({
        req,
        write: async () => {
          for (const slug of slugs) {
            ids.push((await publish(req, slug)).id)
          }
        },
      })
    }),
  )
  // The refresh reads the batch eight articles at a time: two reads, where a refresh per save
  // made twelve.
  expect(reads).toBe(2)
  const store = snapshotStore(t.payload)
  for (const [index, slug] of slugs.entries()) {
    const stored = await store.findBySlug(slug)
    expect(stored?.articleId).toBe(ids[index])
    expect(stored?.isStale).toBe(false)
    // Rendered again on its own, the same body and ETag.
    const alone = await refreshSnapshotNow({ payload: t.payload, articleId: ids[index] as number })
    expect(alone?.etag).toBe(stored?.etag)
    expect(stored && identityBody(stored).toString()).toBe(alone?.body)
    expect(alone?.body).toContain(`"Imported ${slug}"`)
  }
})

it('renders nothing and publishes nothing when the batch fails', async () => {
  await expect(
    inTransaction(async (req) => {
      await renderAtEnd({
        req,
        write: async () => {
          await publish(req, 'import-failed-0')
          throw new Error('the import stopped')
        },
      })
    }),
  ).rejects.toThrow('the import stopped')
  expect(await snapshotStore(t.payload).findBySlug('import-failed-0')).toBeNull()
  const { totalDocs } = await t.payload.count({
    collection: 'articles',
    where: { slug: { equals: 'import-failed-0' } },
  })
  expect(totalDocs).toBe(0)
})

it('renders a nested batch at the outer end, and a save after the batch at once', async () => {
  await inTransaction(async (req) => {
    await renderAtEnd({
      req,
      write: async () => {
        await renderAtEnd({ req, write: () => publish(req, 'import-nested-0') })
        // Still in the outer batch: its rendering is not made yet.
        expect(
          await countingArticleReads(async () => {
            await publish(req, 'import-nested-1')
          }),
        ).toBe(0)
      },
    })
    // The batch is over: this save reads its article and renders it at once.
    expect(
      await countingArticleReads(async () => {
        await publish(req, 'import-after-0')
      }),
    ).toBe(1)
  })
  const store = snapshotStore(t.payload)
  for (const slug of ['import-nested-0', 'import-nested-1', 'import-after-0']) {
    expect((await store.findBySlug(slug))?.isStale).toBe(false)
  }
})
