import fs from 'node:fs'
import path from 'node:path'

import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, Page } from 'playwright-core'

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const SHOTS = path.resolve('tests/e2e/screenshots')

export type AdminBrowser = {
  browser: Browser
  /** A fresh context signed in to the admin as a demo account, on its dashboard. */
  logIn: (email: string) => Promise<{ context: BrowserContext; page: Page }>
  /**
   * A screenshot in tests/e2e/screenshots, numbered in the order they were taken: the full page,
   * or only the element `of` selects (the sidebar's panel scrolls with the page otherwise).
   */
  shoot: (page: Page, name: string, options?: { of?: string }) => Promise<void>
  /** Everything the browser refused under the admin's Content-Security-Policy. */
  cspViolations: string[]
  /** Requests to any host but the app's. */
  outsideRequests: string[]
  /** The CSP header of the last login page. */
  loginPagePolicy: () => string
  close: () => Promise<void>
}

/**
 * Debian's Chromium (or CHROMIUM_PATH), headless, recording CSP violations and requests to other
 * hosts on every page it opens, for a test to assert on at the end.
 */
export const openAdminBrowser = async ({
  appUrl,
  shotPrefix = '',
}: {
  appUrl: string
  shotPrefix?: string
}): Promise<AdminBrowser> => {
  fs.mkdirSync(SHOTS, { recursive: true })
  const browser = await chromium.launch({
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
  const cspViolations: string[] = []
  const outsideRequests: string[] = []
  let loginPagePolicy = ''
  let step = 0

  const shoot: AdminBrowser['shoot'] = async (page, name, { of } = {}) => {
    step += 1
    const file = path.join(SHOTS, `${shotPrefix}${String(step).padStart(2, '0')}-${name}.png`)
    await (of
      ? page.locator(of).first().screenshot({ path: file })
      : page.screenshot({ path: file, fullPage: true }))
  }

  const logIn = async (email: string) => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
    await context.exposeBinding('reportCspViolation', ({ page }, text: string) => {
      cspViolations.push(`${page.url()}: ${text}`)
    })
    // Registered before any of the page's own scripts, so a refused bootstrap script is seen too.
    await context.addInitScript(() => {
      document.addEventListener(
        'securitypolicyviolation',
        (event) => {
          const report = (window as unknown as { reportCspViolation: (text: string) => void })
            .reportCspViolation
          report(`${event.effectiveDirective} refused ${event.blockedURI} (${event.sourceFile})`)
        },
        true,
      )
    })
    const page = await context.newPage()
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) {
        cspViolations.push(`${page.url()}: ${message.text()}`)
      }
    })
    page.on('request', (request) => {
      const url = request.url()
      if (!url.startsWith(appUrl) && !url.startsWith('data:') && !url.startsWith('blob:')) {
        outsideRequests.push(url)
      }
    })
    const loginPage = await page.goto(`${appUrl}/admin/login`)
    loginPagePolicy = loginPage?.headers()['content-security-policy'] ?? ''
    await page.fill('#field-email', email)
    await page.fill('#field-password', 'signoff-demo')
    await page.click('button[type=submit]')
    await page.waitForURL(/\/admin\/?$/)
    return { context, page }
  }

  return {
    browser,
    logIn,
    shoot,
    cspViolations,
    outsideRequests,
    loginPagePolicy: () => loginPagePolicy,
    close: () => browser.close(),
  }
}
