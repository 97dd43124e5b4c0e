import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

import type { RequestHandler, Response } from 'express'
import helmet from 'helmet'
import type { HelmetOptions } from 'helmet'

import { literalPattern } from '@/shared/literalPattern'

type HelmetMiddleware = ReturnType<typeof helmet>
export type Header = readonly [name: string, value: string]

const JSON_PATH = /^\/(api|content\/v1|health)(\/|$)/i

/** Next's build output: scripts, styles and fonts with hashed names, never a page. */
const NEXT_BUILD_FILES = '/_next/static/'

// JSON and uploaded files are never a page: nothing may load, nothing may frame them.
const NOT_A_PAGE = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
  // Headers that only act on an HTML document: each one costs the delivery API time and bytes.
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
} satisfies HelmetOptions

/** The helmet set every answer shares; CSP and CORP differ by path. */
const sharedOptions = ({ isProduction }: { isProduction: boolean }) =>
  ({
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'deny' },
    // HSTS pins a host to https for a year: only a production deployment is sure to be on https.
    strictTransportSecurity: isProduction,
  }) satisfies HelmetOptions

/** Runs a helmet middleware once and keeps what it set, so a request only copies the list. */
const recordHeaders = (middleware: HelmetMiddleware): Header[] => {
  const headers: Header[] = []
  const recorder = {
    setHeader: (name: string, value: string) => headers.push([name, value]),
    // helmet removes X-Powered-By, which Express is told not to send.
    removeHeader: () => undefined,
  }
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) {
      throw error
    }
  })
  return headers
}

const sendsHeaders =
  (headers: Header[]): RequestHandler =>
  (_req, res, next) => {
    for (const [name, value] of headers) {
      res.setHeader(name, value)
    }
    next()
  }

/** The fixed headers every JSON answer carries (the delivery API's fast path sends them too). */
export const jsonAnswerHeaders = ({ isProduction }: { isProduction: boolean }): Header[] =>
  recordHeaders(
    helmet({
      ...sharedOptions({ isProduction }),
      ...NOT_A_PAGE,
      // CORS decides who reads the JSON; CORP only stops no-cors loads, which no caller needs.
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
  )

/**
 * Security headers on every answer. The admin's pages (what Next renders) get a CSP with a fresh
 * script nonce per request, set on the request too: Next reads it there and puts it on the inline
 * scripts it writes. JSON, uploads, health and files that are never a page (Next's build output,
 * `filePrefixes`) get a fixed `default-src 'none'` set computed once: a script or a stylesheet
 * does not apply a CSP of its own, and a nonce made for it would go unused.
 */
export const securityHeaders = ({
  isDev,
  isProduction,
  uploadSlugs,
  filePrefixes = [],
}: {
  isDev: boolean
  isProduction: boolean
  uploadSlugs: string[]
  /** Path prefixes (ending in `/`) served as files by this process, besides Next's build output. */
  filePrefixes?: string[]
}): RequestHandler => {
  const shared = sharedOptions({ isProduction })
  const jsonAnswer = sendsHeaders(jsonAnswerHeaders({ isProduction }))
  const uploadedFile = sendsHeaders(
    recordHeaders(
      helmet({
        ...shared,
        ...NOT_A_PAGE,
        // Public sites on other origins show the hero images with a plain <img>.
        crossOriginResourcePolicy: { policy: 'cross-origin' },
      }),
    ),
  )
  const filePath = uploadSlugs.length
    ? new RegExp(`^/api/(${uploadSlugs.map(literalPattern).join('|')})/file/`, 'i')
    : null
  const adminHeaders = helmet({
    ...shared,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Only nonced scripts and the chunks they load run ('strict-dynamic' then ignores 'self',
        // which is left for browsers without CSP level 3).
        scriptSrc: [
          "'self'",
          (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`,
          "'strict-dynamic'",
          // React's development build evaluates code to rebuild call stacks.
          ...(isDev ? ["'unsafe-eval'"] : []),
        ],
        scriptSrcAttr: ["'none'"],
        // The admin's components set style attributes and inject <style> tags at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Upload previews show a picked file through a blob: URL before it is sent.
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
      },
    },
  })
  const adminAnswer: RequestHandler = (req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64')
    adminHeaders(req, res, (error) => {
      if (error) {
        next(error)
        return
      }
      // Next takes the nonce from the request's CSP header (getScriptNonceFromHeaders).
      req.headers['content-security-policy'] = res.getHeader('Content-Security-Policy') as string
      next()
    })
  }
  const servedFiles = [NEXT_BUILD_FILES, ...filePrefixes]
  const isServedFile = (path: string) => servedFiles.some((prefix) => path.startsWith(prefix))
  return (req, res, next) => {
    if (filePath?.test(req.path)) {
      uploadedFile(req, res, next)
    } else if (JSON_PATH.test(req.path) || isServedFile(req.path)) {
      jsonAnswer(req, res, next)
    } else {
      adminAnswer(req, res, next)
    }
  }
}
