/**
 * A typed client for Signoff's delivery API (/content/v1): openapi-fetch over the types in
 * schema.d.ts, which `npm run generate:client` makes from the API's OpenAPI document. It knows
 * nothing of Payload or the database: copy this folder into a site and it works on its own.
 */
import createClient from 'openapi-fetch'

import type { components, paths } from './schema'

type Schemas = components['schemas']

export type Article = Schemas['PublishedArticle']
export type ArticleSummary = Schemas['ArticleSummary']
export type ArticleList = Schemas['ArticleList']
export type Source = Schemas['Source']
export type TopicRef = Schemas['TopicRef']
export type AuthorProfile = Schemas['AuthorProfile']
export type ReviewerProfile = Schemas['ReviewerProfile']
export type Disclosures = Schemas['Disclosures']
export type ApiError = Schemas['Error']
export type { components, paths }

export type SignoffClientOptions = {
  /** A fetch of your own, e.g. one that caches and revalidates (examples/site/apiCache.ts). */
  fetch?: (request: Request) => Promise<Response>
  /** Headers sent with every request. */
  headers?: Record<string, string>
}

/**
 * `baseUrl` is the CMS's origin, e.g. `http://localhost:3000`; requests go to `/content/v1/…`:
 * `client.GET('/articles/{slug}', { params: { path: { slug } } })` answers `{ data, error, response }`.
 */
export const createSignoffClient = (baseUrl: string, options: SignoffClientOptions = {}) =>
  createClient<paths>({
    baseUrl: `${baseUrl.replace(/\/+$/, '')}/content/v1`,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  })

export type SignoffClient = ReturnType<typeof createSignoffClient>
