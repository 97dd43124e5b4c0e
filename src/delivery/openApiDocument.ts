import { SLUG_PATTERN } from '@/shared/slugs'

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({
  type: [type, 'null'],
  ...extra,
})
const nullableRef = (ref: string) => ({
  oneOf: [{ $ref: `#/components/schemas/${ref}` }, { type: 'null' }],
})
const dateTime = nullable('string', { format: 'date-time' })
const reviewStatus = {
  oneOf: [{ type: 'string', enum: ['current', 'due-soon', 'overdue'] }, { type: 'null' }],
}
const object = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
})
const json = (ref: string) => ({
  'application/json': { schema: { $ref: `#/components/schemas/${ref}` } },
})
const notFound = { description: 'No such published item', content: json('Error') }
const cacheHeaders = {
  ETag: { description: 'Strong validator of the body', schema: { type: 'string' } },
  'Cache-Control': {
    description: 'Caching policy for browsers and CDNs',
    schema: { type: 'string' },
  },
}
const ok = (description: string, ref: string) => ({
  '200': { description, headers: cacheHeaders, content: json(ref) },
  '304': { description: 'Not modified: the If-None-Match ETag still matches' },
})
const slugParam = {
  name: 'slug',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: SLUG_PATTERN.source },
}

/** OpenAPI 3.1 description of /content/v1; tests validate real responses against it. */
export const openApiDocument = ({ origin }: { origin: string }) => ({
  openapi: '3.1.0',
  info: {
    title: 'Signoff delivery API',
    version: '1.0.0',
    description:
      'Published, medically reviewed health articles with their review metadata. Only live published versions are served.',
  },
  servers: [{ url: `${origin}/content/v1` }],
  paths: {
    '/articles': {
      get: {
        summary: 'Published articles, newest first',
        parameters: [
          { name: 'topic', in: 'query', schema: { type: 'string' }, description: 'Topic slug' },
          {
            name: 'q',
            in: 'query',
            schema: { type: 'string', maxLength: 200 },
            description: 'Text in title or summary',
          },
          {
            name: 'page',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 10000, default: 1 },
          },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
          },
        ],
        responses: {
          ...ok('A page of articles', 'ArticleList'),
          '400': { description: 'Bad parameter', content: json('Error') },
        },
      },
    },
    '/articles/{slug}': {
      get: {
        summary: 'One published article',
        parameters: [slugParam],
        responses: { ...ok('The article', 'Article'), '404': notFound },
      },
    },
    '/topics': { get: { summary: 'All topics', responses: ok('Topics', 'TopicList') } },
    '/authors/{slug}': {
      get: {
        summary: 'An author and their published articles',
        parameters: [slugParam],
        responses: { ...ok('The author', 'AuthorProfile'), '404': notFound },
      },
    },
    '/reviewers/{slug}': {
      get: {
        summary: 'A medical reviewer and the published articles they reviewed',
        parameters: [slugParam],
        responses: { ...ok('The reviewer', 'ReviewerProfile'), '404': notFound },
      },
    },
    '/preview/articles/{id}': {
      get: {
        summary: 'The latest draft of an article, for a signed preview link',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'token', in: 'query', required: true, schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: 'The draft, in the shape of a published article (never cached)',
            content: json('Article'),
          },
          '401': { description: 'Invalid or expired token', content: json('Error') },
          '404': notFound,
        },
      },
    },
  },
  components: {
    schemas: {
      Error: object({ error: { type: 'string' } }),
      TopicRef: object({ name: { type: 'string' }, slug: nullable('string') }),
      TopicList: object({
        docs: { type: 'array', items: { $ref: '#/components/schemas/TopicRef' } },
      }),
      ArticleSummary: object({
        title: { type: 'string' },
        slug: nullable('string'),
        summary: nullable('string'),
        topics: { type: 'array', items: { $ref: '#/components/schemas/TopicRef' } },
        author: nullableRef('AuthorRef'),
        publishedAt: dateTime,
        lastReviewedAt: dateTime,
        reviewStatus,
      }),
      AuthorRef: object({ name: { type: 'string' }, slug: nullable('string') }),
      ArticleList: object({
        docs: { type: 'array', items: { $ref: '#/components/schemas/ArticleSummary' } },
        page: { type: 'integer' },
        limit: { type: 'integer' },
        totalDocs: { type: 'integer' },
        totalPages: { type: 'integer' },
      }),
      Source: object({
        number: { type: 'integer', minimum: 1 },
        citation: { type: 'string' },
        url: nullable('string'),
        doi: nullable('string'),
        pmid: nullable('string'),
      }),
      Article: object({
        title: { type: 'string' },
        slug: nullable('string'),
        summary: nullable('string'),
        body: { type: 'array', description: 'Slate JSON' },
        html: { type: 'string', description: 'Sanitized HTML rendered from the body' },
        keyMessages: { type: 'array', items: { type: 'string' } },
        topics: { type: 'array', items: { $ref: '#/components/schemas/TopicRef' } },
        heroImage: {
          oneOf: [object({ url: nullable('string'), alt: { type: 'string' } }), { type: 'null' }],
        },
        author: {
          oneOf: [
            object({
              name: { type: 'string' },
              slug: nullable('string'),
              profession: nullable('string'),
              affiliation: nullable('string'),
            }),
            { type: 'null' },
          ],
        },
        medicalReviewer: {
          oneOf: [
            object({
              name: { type: 'string' },
              slug: nullable('string'),
              honorific: nullable('string'),
              position: nullable('string'),
              affiliation: nullable('string'),
            }),
            { type: 'null' },
          ],
        },
        publishedAt: dateTime,
        lastReviewedAt: dateTime,
        nextReviewDue: dateTime,
        reviewStatus,
        sources: { type: 'array', items: { $ref: '#/components/schemas/Source' } },
        disclaimer: {
          oneOf: [
            object({ title: { type: 'string' }, text: { type: 'string' } }),
            { type: 'null' },
          ],
        },
        jsonLd: {
          type: 'object',
          required: ['@context', '@type', 'headline', 'citation', 'about'],
          properties: { '@type': { const: 'MedicalWebPage' }, headline: { type: 'string' } },
        },
      }),
      AuthorProfile: object({
        name: { type: 'string' },
        slug: nullable('string'),
        affiliation: nullable('string'),
        profession: nullable('string'),
        bio: nullable('string'),
        articles: { type: 'array', items: { $ref: '#/components/schemas/ArticleSummary' } },
      }),
      ReviewerProfile: object({
        name: { type: 'string' },
        slug: nullable('string'),
        affiliation: nullable('string'),
        honorific: nullable('string'),
        position: nullable('string'),
        qualifications: nullable('string'),
        articles: { type: 'array', items: { $ref: '#/components/schemas/ArticleSummary' } },
      }),
    },
  },
})
