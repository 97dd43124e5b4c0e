import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import axe from 'axe-core'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'

import { signWebhook } from '@/webhooks/webhooks'
import { freePort, startApp } from '../helpers/startApp'
import type { RunningApp } from '../helpers/startApp'
import { startSite } from '../helpers/startSite'
import type { RunningSite } from '../helpers/startSite'

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const SHOTS = path.resolve('tests/e2e/screenshots')
const SLUG = 'causes-of-lower-back-spasms'
const SECRET = 'public-site-webhook-secret'
const STEP_TIMEOUT = 60_000

type ApiArticle = {
  nextReviewDue: string
  reviewStatus: string
  sources: { citation: string }[]
}

let app: RunningApp
let site: RunningSite
let browser: Browser
let apiArticle: ApiArticle
// Everything the browser refused under the site's Content-Security-Policy.
const cspViolations: string[] = []

const shoot = async (page: Page, name: string) => {
  await page.screenshot({ path: path.join(SHOTS, `site-${name}.png`), fullPage: true })
}

/** A page as a reader's browser gets it: the site's own CSP enforced. */
const readerPage = async (): Promise<Page> => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) {
      cspViolations.push(`${page.url()}: ${message.text()}`)
    }
  })
  return page
}

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim()

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true })
  // The CMS delivers its webhooks to the site, as in production.
  const sitePort = await freePort()
  app = await startApp({
    env: {
      WEBHOOK_URLS: `http://127.0.0.1:${sitePort}/webhooks/signoff`,
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_RETRY_DELAY_MS: '1000',
    },
  })
  site = await startSite({
    signoffUrl: app.url,
    port: sitePort,
    env: { SIGNOFF_WEBHOOK_SECRET: SECRET },
  })
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  apiArticle = (await (await fetch(`${app.url}/content/v1/articles/${SLUG}`)).json()) as ApiArticle
}, 400_000)

afterAll(async () => {
  await browser?.close()
  await site?.stop()
  await app?.stop()
})

describe('the reference public site (examples/site), in a real browser', () => {
  it(
    'shows the seed article with its people, review dates, sources, disclaimer and JSON-LD',
    async () => {
      const page = await readerPage()
      const res = await page.goto(`${site.url}/articles/${SLUG}`)
      expect(res?.status()).toBe(200)
      expect(res?.headers()['content-security-policy']).toContain("default-src 'none'")
      expect(res?.headers()['x-content-type-options']).toBe('nosniff')
      await expect(page.getAttribute('html', 'lang')).resolves.toBe('en')
      await expect(text(page, 'h1')).resolves.toBe('Causes of Lower Back Spasms')
      await expect(text(page, '.byline')).resolves.toBe(
        'Written by Nikita Mistry, Physiotherapist, Western Sydney University',
      )
      await expect(text(page, '.reviewed-by')).resolves.toBe(
        'Medically reviewed by Dr Gina Arena, Research Fellow, University of Western Australia',
      )
      expect(await page.textContent('body')).not.toMatch(/Dr\.? Dr/)
      await expect(text(page, '.review-dates')).resolves.toMatch(
        /^Last reviewed 30 May 2022 Next review due \d{1,2} [A-Z][a-z]+ \d{4}$/,
      )
      await expect(
        page.getAttribute('.review-dates span:nth-child(2) time', 'datetime'),
      ).resolves.toBe(apiArticle.nextReviewDue.slice(0, 10))
      // The API says when a review is overdue; the page tells the reader.
      expect(await page.locator('.notice').count()).toBe(
        apiArticle.reviewStatus === 'overdue' ? 1 : 0,
      )
      const hero = page.locator('.hero img')
      await expect(hero.getAttribute('alt')).resolves.toBe(
        'Woman sitting on a bed with lower back spasms causing pain',
      )
      // Served by the CMS on another origin: the site's CSP and the CMS's CORP let it load.
      await expect(
        hero.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      ).resolves.toBe(true)
      await expect(text(page, '#key-messages')).resolves.toBe('Key messages')
      await expect(
        page.locator('.sources li').evaluateAll((items) => items.map((item) => item.id)),
      ).resolves.toEqual(['source-1', 'source-2'])
      await expect(text(page, '#source-1')).resolves.toContain(apiArticle.sources[0]?.citation)
      await expect(
        page
          .locator('#source-1 a')
          .evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
      ).resolves.toEqual([
        'https://doi.org/10.1002/art.34347',
        'https://pubmed.ncbi.nlm.nih.gov/22231424/',
      ])
      // JAMA's disclosure: what each person declared, never "none" for what was not declared.
      await expect(text(page, '#interests')).resolves.toBe('Conflicts of interest and funding')
      await expect(page.locator('.interests dt').allTextContents()).resolves.toEqual([
        'Nikita Mistry, author',
        'Dr Gina Arena, medical reviewer',
      ])
      await expect(
        page
          .locator('.interests dd')
          .evaluateAll((items) => items.map((i) => i.textContent?.trim())),
      ).resolves.toEqual(['Not declared yet.', 'Not declared yet.'])
      await expect(text(page, '#disclaimer')).resolves.toBe('Content Disclaimer')
      await expect(text(page, '.disclaimer p')).resolves.toMatch(/^This content is general/)
      const jsonLd = JSON.parse(
        (await page.textContent('script[type="application/ld+json"]')) ?? '',
      ) as Record<string, unknown>
      expect(jsonLd).toMatchObject({
        '@type': 'MedicalWebPage',
        headline: 'Causes of Lower Back Spasms',
        url: `${site.url}/articles/${SLUG}`,
        reviewedBy: { name: 'Gina Arena', honorificPrefix: 'Dr' },
        lastReviewed: '2022-05-30',
      })
      await shoot(page, 'article')
      await page.close()
    },
    STEP_TIMEOUT,
  )

  it(
    '[1] in the body takes the reader to the first source',
    async () => {
      const page = await readerPage()
      await page.goto(`${site.url}/articles/${SLUG}`)
      const first = page.locator('.article-body a.citation').first()
      await expect(first.textContent()).resolves.toBe('[1]')
      await first.click()
      expect(page.url()).toBe(`${site.url}/articles/${SLUG}#source-1`)
      await expect(
        page.evaluate(() => document.querySelector(':target')?.id ?? null),
      ).resolves.toBe('source-1')
      await shoot(page, 'article-source-1')
      await page.close()
    },
    STEP_TIMEOUT,
  )

  it(
    'has no accessibility violations (axe-core) on the home, article, topic and profile pages',
    async () => {
      // axe is injected as a script, which the site's own CSP (rightly) refuses.
      const context = await browser.newContext({
        bypassCSP: true,
        viewport: { width: 1200, height: 900 },
      })
      const page = await context.newPage()
      const found: Record<string, string[]> = {}
      const pages = {
        home: '/',
        article: `/articles/${SLUG}`,
        topic: '/topics/lower-back',
        author: '/authors/nikita-mistry',
        reviewer: '/reviewers/gina-arena',
        'not-found': '/articles/no-such-article',
      }
      for (const [name, pagePath] of Object.entries(pages)) {
        await page.goto(`${site.url}${pagePath}`)
        await page.addScriptTag({ content: axe.source })
        found[name] = await page.evaluate(async () => {
          const results = await (window as unknown as { axe: typeof axe }).axe.run()
          return results.violations.map(
            (violation) =>
              `${violation.id} (${violation.impact}): ${violation.nodes
                .map((node) => node.target.join(' '))
                .join(', ')}`,
          )
        })
        if (name !== 'article') {
          await shoot(page, name)
        }
      }
      expect(found).toEqual(Object.fromEntries(Object.keys(pages).map((name) => [name, []])))
      await expect(page.title()).resolves.toBe('Page not found | Signoff Health')
      await context.close()
    },
    STEP_TIMEOUT,
  )

  it('lists the article in sitemap.xml with its lastmod', async () => {
    const res = await fetch(`${site.url}/sitemap.xml`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/)
    const xml = await res.text()
    expect(xml).toContain(
      `<url><loc>${site.url}/articles/${SLUG}</loc><lastmod>2022-05-30</lastmod></url>`,
    )
    expect(xml).toContain(`<loc>${site.url}/topics/lower-back</loc>`)
  })

  it('answers an address with nothing behind it with a 404 page', async () => {
    const page = await readerPage()
    for (const missing of ['/articles/no-such-article', '/topics/nothing', '/nowhere/at/all']) {
      const res = await page.goto(`${site.url}${missing}`)
      expect(res?.status()).toBe(404)
      await expect(text(page, 'h1')).resolves.toBe('Page not found')
    }
    await shoot(page, '404')
    await page.close()
  })

  it('revalidates its pages by ETag', async () => {
    const first = await fetch(`${site.url}/articles/${SLUG}`)
    const etag = first.headers.get('etag') ?? ''
    expect(etag).toBeTruthy()
    // Through node:http: fetch adds `Cache-Control: no-cache` to a conditional request.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get(`${site.url}/articles/${SLUG}`, { headers: { 'if-none-match': etag } }, (res) => {
          res.resume()
          resolve(res.statusCode)
        })
        .on('error', reject)
    })
    expect(status).toBe(304)
  })

  it('broke no rule of its Content-Security-Policy', () => {
    expect(cspViolations).toEqual([])
  })
})

describe('the site’s webhook receiver', () => {
  const deliver = async ({ body, signature }: { body: string; signature?: string }) =>
    fetch(`${site.url}/webhooks/signoff`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(signature ? { 'x-signoff-signature': signature } : {}),
      },
      body,
    })

  it('refuses a delivery that is unsigned or signed with another secret (401)', async () => {
    const body = JSON.stringify({ event: 'article.archived', article: { id: 1, slug: SLUG } })
    expect((await deliver({ body })).status).toBe(401)
    const forged = await deliver({ body, signature: signWebhook({ body, secret: 'not-it' }) })
    expect(forged.status).toBe(401)
  })

  it(
    'empties its cache on the CMS’s signed article.archived: after an archive the page is gone',
    async () => {
      const page = `${site.url}/articles/${SLUG}`
      const refusals = () => site.output().split('Refused a webhook').length - 1
      // The site's log arrives from its process a little late: let the earlier tests' forged
      // deliveries be counted before taking the count.
      let refusedBefore = refusals()
      for (let quiet = 0; quiet < 4;) {
        await new Promise((resolve) => setTimeout(resolve, 250))
        quiet = refusals() === refusedBefore ? quiet + 1 : 0
        refusedBefore = refusals()
      }
      expect((await fetch(page)).status).toBe(200)

      const login = await fetch(`${app.url}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'editor@example.com', password: 'signoff-demo' }),
      })
      const { token } = (await login.json()) as { token: string }
      const auth = { authorization: `JWT ${token}` }
      const { docs } = (await (
        await fetch(`${app.url}/api/articles?where[slug][equals]=${SLUG}&depth=0`, {
          headers: auth,
        })
      ).json()) as { docs: { id: number }[] }
      const archived = await fetch(`${app.url}/api/articles/${docs[0]?.id}/workflow`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'archive' }),
      })
      expect(archived.status).toBe(200)
      expect((await fetch(`${app.url}/content/v1/articles/${SLUG}`)).status).toBe(404)

      // Until the webhook arrives the site serves its copy, fresh for the API's max-age (60 s).
      // The CMS's jobs run every 10 s, so the delivery can (rarely) have come already.
      const purged = () => site.output().includes('article.archived: the content cache was emptied')
      const rightAfter = (await fetch(page)).status
      // A 404 here must come from the purge: its log line can reach us a moment after the page.
      const untilPurged = async (ms: number) => {
        const deadline = Date.now() + ms
        while (!purged() && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 250))
        }
        return purged()
      }
      expect(rightAfter === 200 || (await untilPurged(2_000))).toBe(true)

      expect(await untilPurged(30_000)).toBe(true)
      expect((await fetch(page)).status).toBe(404)
      expect(await (await fetch(`${site.url}/`)).text()).not.toContain(SLUG)
      // The CMS's own deliveries all carried a valid signature.
      expect(refusals()).toBe(refusedBefore)
    },
    STEP_TIMEOUT,
  )
})
