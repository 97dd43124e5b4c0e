import { DISCLOSURE_STATUSES } from '@/disclosures/rules'
import { TEXT_PATTERN } from '@/delivery/http/params'
import { SLUG_PATTERN } from '@/shared/slugs'
import { AUDIENCES, TOPIC_SCHEMA_TYPES } from '@/shared/structuredData'
import { ARTICLE_RICH_TEXT } from '@/validation/richText'

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const nullable = (type: string, extra: Record<string, unknown> = {}) => ({
  type: [type, 'null'],
  ...extra,
})
const orNull = (schema: Record<string, unknown>) => ({ oneOf: [schema, { type: 'null' }] })
const text = { type: 'string' }
const slug = { type: 'string', pattern: SLUG_PATTERN.source }
const dateTime = { type: 'string', format: 'date-time' }
const day = { type: 'string', format: 'date' }
/** A public page's URL (PUBLIC_*_URL); null when the item has no slug. */
const publicLink = { type: ['string', 'null'], format: 'uri' }
const reviewStatus = { type: 'string', enum: ['current', 'due-soon', 'overdue'] }
const arrayOf = (items: Record<string, unknown>) => ({ type: 'array', items })
const object = (
  properties: Record<string, unknown>,
  required: string[] = Object.keys(properties),
) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
})
const json = (name: string) => ({ 'application/json': { schema: ref(name) } })
const header = (name: string) => ({ $ref: `#/components/headers/${name}` })
const response = (name: string) => ({ $ref: `#/components/responses/${name}` })

/** What every cacheable answer says about itself, on its 200 and its 304. */
const validators = {
  ETag: header('ETag'),
  'Last-Modified': header('LastModified'),
  'Cache-Control': header('CacheControl'),
  Vary: header('Vary'),
}

const ok = (description: string, schema: string) => ({
  '200': {
    description,
    headers: { ...validators, 'Content-Encoding': header('ContentEncoding') },
    content: json(schema),
  },
  '304': response('NotModified'),
})

/** What any route may answer besides its own: bad parameters, the rate limit, the database down. */
const always = {
  '400': response('BadRequest'),
  '429': response('TooManyRequests'),
  '503': response('Unavailable'),
}

const slugParam = { name: 'slug', in: 'path', required: true, schema: slug }

/** A public, read-only operation. */
const publicGet = ({
  operationId,
  tag,
  summary,
  description,
  parameters,
  responses,
}: {
  operationId: string
  tag: string
  summary: string
  description: string
  parameters?: unknown[]
  responses: Record<string, unknown>
}) => ({
  get: {
    operationId,
    tags: [tag],
    summary,
    description,
    security: [],
    ...(parameters ? { parameters } : {}),
    responses: { ...responses, ...always },
  },
})

/** The Slate body as the editor stores it (src/validation/richText.ts): text leaves and elements. */
const slateSchemas = {
  SlateText: object(
    {
      text,
      ...Object.fromEntries(ARTICLE_RICH_TEXT.leaves.map((mark) => [mark, { type: 'boolean' }])),
    },
    ['text'],
  ),
  SlateElement: object(
    {
      type: { type: 'string', enum: [...ARTICLE_RICH_TEXT.elements] },
      children: arrayOf(ref('SlateNode')),
      url: text,
      linkType: { type: 'string', enum: ['custom', 'internal'] },
      newTab: { type: 'boolean' },
      doc: object({
        relationTo: { type: 'string', enum: [...ARTICLE_RICH_TEXT.linkCollections] },
        value: { type: ['string', 'integer'] },
      }),
      fields: { type: 'object' },
    },
    ['children'],
  ),
  SlateNode: {
    description: 'A Slate node: a text leaf, or an element with children',
    anyOf: [ref('SlateText'), ref('SlateElement')],
  },
}

const uri = { type: 'string', format: 'uri' }
const typed = (type: string) => ({ '@type': { const: type } })

/** The schema.org MedicalWebPage that src/delivery/serializers/jsonLd.ts emits. */
const jsonLdSchemas = {
  JsonLdOrganization: object({ ...typed('Organization'), name: text }),
  JsonLdPerson: object(
    {
      ...typed('Person'),
      name: text,
      url: uri,
      honorificPrefix: text,
      jobTitle: text,
      affiliation: ref('JsonLdOrganization'),
      hasCredential: arrayOf(object({ ...typed('EducationalOccupationalCredential'), name: text })),
    },
    ['@type', 'name'],
  ),
  JsonLdPublisher: object(
    {
      ...typed('Organization'),
      name: text,
      logo: object({ ...typed('ImageObject'), url: uri }),
      publishingPrinciples: uri,
      ownershipFundingInfo: text,
    },
    ['@type', 'name'],
  ),
  JsonLdCitation: {
    ...object(
      {
        '@type': { type: 'string', enum: ['ScholarlyArticle', 'CreativeWork'] },
        name: text,
        author: arrayOf({
          oneOf: [
            object({ ...typed('Person'), name: text }),
            object({ ...typed('Organization'), name: text }),
          ],
        }),
        datePublished: text,
        url: uri,
        identifier: arrayOf(
          object({
            ...typed('PropertyValue'),
            propertyID: { type: 'string', enum: ['DOI', 'PMID'] },
            value: text,
            url: uri,
          }),
        ),
        isPartOf: object({ ...typed('Periodical'), name: text }),
        publisher: ref('JsonLdOrganization'),
      },
      ['@type'],
    ),
    description:
      'A cited source: a ScholarlyArticle (journal in isPartOf) or a CreativeWork (with its publisher)',
  },
  JsonLdTopic: object(
    {
      '@type': { type: 'string', enum: [...TOPIC_SCHEMA_TYPES] },
      name: text,
      url: uri,
    },
    ['@type', 'name'],
  ),
  MedicalWebPage: {
    ...object(
      {
        '@context': { const: 'https://schema.org' },
        ...typed('MedicalWebPage'),
        '@id': uri,
        url: uri,
        mainEntityOfPage: uri,
        headline: text,
        name: text,
        description: text,
        inLanguage: text,
        image: uri,
        author: ref('JsonLdPerson'),
        reviewedBy: ref('JsonLdPerson'),
        lastReviewed: day,
        datePublished: day,
        dateModified: day,
        medicalAudience: object(
          {
            '@type': { type: 'string', enum: ['Patient', 'MedicalAudience'] },
            audienceType: { type: 'string', enum: ['Caregiver', 'Clinician', 'MedicalResearcher'] },
          },
          ['@type'],
        ),
        citation: arrayOf(ref('JsonLdCitation')),
        about: arrayOf(ref('JsonLdTopic')),
        publisher: ref('JsonLdPublisher'),
      },
      [
        '@context',
        '@type',
        'headline',
        'name',
        'inLanguage',
        'medicalAudience',
        'citation',
        'about',
      ],
    ),
    description: 'schema.org MedicalWebPage, for search engines',
  },
}

/** A person's disclosures, or null while they have declared nothing yet. */
const disclosures = () => ({
  ...orNull(ref('Disclosures')),
  description: 'Conflicts of interest; null when never declared (not the same as none declared)',
})

/**
 * An article: a live one (`isPublished`), which the publish rules guarantee has its summary,
 * people, disclaimer and review dates, or a draft in preview, where anything may still be missing.
 */
const article = ({ isPublished }: { isPublished: boolean }) => {
  const must = (schema: Record<string, unknown>) => (isPublished ? schema : orNull(schema))
  const properties = {
    title: text,
    slug: must(slug),
    url: { ...must(uri), description: 'The public page (PUBLIC_ARTICLE_URL)' },
    summary: must(text),
    body: { ...arrayOf(ref('SlateNode')), description: 'Slate JSON' },
    html: { type: 'string', description: 'Sanitized HTML rendered from the body' },
    keyMessages: arrayOf(text),
    topics: arrayOf(ref('TopicRef')),
    audience: { type: 'string', enum: AUDIENCES.map((audience) => audience.value) },
    heroImage: orNull(object({ url: nullable('string'), alt: text })),
    author: must(
      object({
        name: text,
        slug: nullable('string'),
        url: publicLink,
        profession: nullable('string'),
        affiliation: nullable('string'),
        disclosures: disclosures(),
      }),
    ),
    medicalReviewer: must(
      object({
        name: { type: 'string', description: 'Without the title: print honorific beside it' },
        slug: nullable('string'),
        url: publicLink,
        honorific: nullable('string'),
        position: nullable('string'),
        affiliation: nullable('string'),
        qualifications: nullable('string'),
        disclosures: disclosures(),
      }),
    ),
    publishedAt: must(dateTime),
    lastReviewedAt: must(dateTime),
    nextReviewDue: must(dateTime),
    reviewStatus: must(reviewStatus),
    readability: {
      ...object({
        fleschKincaidGrade: nullable('number'),
        smog: nullable('number'),
      }),
      description:
        'School grade a reader needs for the body (English): Flesch–Kincaid and SMOG, null without text',
    },
    reviewNotice: {
      ...object({ text, since: dateTime }),
      description:
        'Only with OVERDUE_POLICY=notice, while the medical review is overdue: a notice for readers, and the date the review fell due',
    },
    sources: arrayOf(ref('Source')),
    disclaimer: must(object({ title: text, text })),
    publisher: ref('ArticlePublisher'),
    jsonLd: ref('MedicalWebPage'),
  }
  return object(
    properties,
    Object.keys(properties).filter((key) => key !== 'reviewNotice'),
  )
}

const notFoundToo = { '404': response('NotFound') }

/** OpenAPI 3.1 description of /content/v1; tests lint it and validate real responses against it. */
export const openApiDocument = ({ origin }: { origin: string }) => ({
  openapi: '3.1.0',
  info: {
    title: 'Signoff delivery API',
    version: '1.0.0',
    description:
      'Published, medically reviewed health articles with their review metadata. Only live published versions are served. Answers are compressed (brotli or gzip) when asked, with an ETag per encoding; a path in any other case or with a trailing slash is a 301 to the canonical one, and an unknown query parameter is a 400.',
    license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
  },
  servers: [{ url: `${origin}/content/v1` }],
  tags: [
    { name: 'Articles', description: 'Live published articles' },
    { name: 'Topics', description: 'What articles are about' },
    { name: 'People', description: 'Authors and medical reviewers' },
    { name: 'Preview', description: 'Drafts, for a signed link from the admin' },
    { name: 'Meta', description: 'This description' },
  ],
  security: [],
  paths: {
    '/articles': publicGet({
      operationId: 'listArticles',
      tag: 'Articles',
      summary: 'Published articles, newest first',
      description:
        'Live articles as summaries, newest publishedAt first, optionally of one topic or containing text.',
      parameters: [
        { name: 'topic', in: 'query', schema: slug, description: 'Topic slug' },
        {
          name: 'q',
          in: 'query',
          schema: {
            type: 'string',
            maxLength: 200,
            pattern: TEXT_PATTERN,
          },
          description:
            'Words that must all be in the title, or all in the summary (literal text, no control characters)',
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
      responses: ok('A page of articles', 'ArticleList'),
    }),
    '/articles/{slug}': publicGet({
      operationId: 'getArticle',
      tag: 'Articles',
      summary: 'One published article',
      description:
        'The live version of an article, with its sources, people, review dates, disclaimer and JSON-LD.',
      parameters: [slugParam],
      responses: { ...ok('The article', 'PublishedArticle'), ...notFoundToo },
    }),
    '/topics': publicGet({
      operationId: 'listTopics',
      tag: 'Topics',
      summary: 'All topics',
      description: 'Every topic, by name.',
      responses: ok('Topics', 'TopicList'),
    }),
    '/authors/{slug}': publicGet({
      operationId: 'getAuthor',
      tag: 'People',
      summary: 'An author and their published articles',
      description: 'The public profile of an author and up to 100 live articles they wrote.',
      parameters: [slugParam],
      responses: { ...ok('The author', 'AuthorProfile'), ...notFoundToo },
    }),
    '/reviewers/{slug}': publicGet({
      operationId: 'getReviewer',
      tag: 'People',
      summary: 'A medical reviewer and the published articles they reviewed',
      description:
        'The public profile of a medical reviewer and up to 100 live articles they reviewed.',
      parameters: [slugParam],
      responses: { ...ok('The reviewer', 'ReviewerProfile'), ...notFoundToo },
    }),
    '/openapi.json': publicGet({
      operationId: 'getOpenApiDocument',
      tag: 'Meta',
      summary: 'This OpenAPI description',
      description: 'The OpenAPI 3.1 description of the delivery API, with this server in it.',
      responses: {
        '200': {
          description: 'The OpenAPI document',
          headers: { ...validators, 'Content-Encoding': header('ContentEncoding') },
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '304': response('NotModified'),
      },
    }),
    '/preview/articles/{id}': {
      get: {
        operationId: 'previewArticle',
        tags: ['Preview'],
        summary: 'The latest draft of an article, for a signed preview link',
        description:
          'The latest draft in the shape of a published article, where any field may still be missing. Never cached.',
        security: [{ previewToken: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          ...ok('The draft (Cache-Control: no-store)', 'PreviewArticle'),
          '401': { description: 'Invalid or expired token', content: json('Error') },
          ...notFoundToo,
          ...always,
        },
      },
    },
  },
  components: {
    securitySchemes: {
      previewToken: {
        type: 'apiKey',
        in: 'query',
        name: 'token',
        description:
          'The signed, expiring token of a preview link (GET /api/articles/:id/preview-link)',
      },
    },
    headers: {
      ETag: {
        description: 'Strong validator of the body; each encoding has its own',
        schema: { type: 'string' },
      },
      LastModified: {
        description: 'When what the answer shows last changed',
        schema: { type: 'string' },
      },
      CacheControl: {
        description: 'Caching policy for browsers and CDNs',
        schema: { type: 'string' },
      },
      Vary: {
        description: 'Accept-Encoding, and Origin when CORS is limited to a list of sites',
        schema: { type: 'string' },
      },
      ContentEncoding: {
        description: 'br or gzip when the body is compressed',
        schema: { type: 'string', enum: ['br', 'gzip'] },
      },
      RetryAfter: {
        description: 'Seconds to wait before trying again',
        schema: { type: 'integer', minimum: 0 },
      },
    },
    responses: {
      NotModified: {
        description: 'Not modified: If-None-Match names the ETag, or If-Modified-Since is current',
        headers: validators,
      },
      BadRequest: {
        description: 'An unknown query parameter, or one out of range (the message names it)',
        content: json('Error'),
      },
      NotFound: { description: 'No such published item', content: json('Error') },
      TooManyRequests: {
        description: 'Over the rate limit',
        headers: { 'Retry-After': header('RetryAfter') },
        content: json('Error'),
      },
      Unavailable: {
        description: 'The database is down and nothing is cached for this URL',
        headers: { 'Retry-After': header('RetryAfter') },
        content: json('Error'),
      },
    },
    schemas: {
      Error: object({ error: text }),
      TopicRef: object({ name: text, slug: nullable('string'), url: publicLink }),
      TopicList: object({ docs: arrayOf(ref('TopicRef')) }),
      AuthorRef: object({ name: text, slug: nullable('string'), url: publicLink }),
      ArticleSummary: object({
        title: text,
        slug,
        url: uri,
        summary: text,
        topics: arrayOf(ref('TopicRef')),
        author: ref('AuthorRef'),
        publishedAt: dateTime,
        lastReviewedAt: dateTime,
        reviewStatus,
      }),
      ArticleList: object({
        docs: arrayOf(ref('ArticleSummary')),
        page: { type: 'integer' },
        limit: { type: 'integer' },
        totalDocs: { type: 'integer' },
        totalPages: { type: 'integer' },
      }),
      Source: object({
        number: { type: 'integer', minimum: 1 },
        citation: text,
        url: nullable('string'),
        doi: nullable('string'),
        pmid: nullable('string'),
      }),
      Disclosures: {
        ...object({
          status: {
            type: 'string',
            enum: DISCLOSURE_STATUSES.map((status) => status.value),
            description: '"none-declared" is a statement the person made',
          },
          statements: {
            ...arrayOf(text),
            description: 'The declared interests; empty with none-declared',
          },
          declaredAt: { ...dateTime, description: 'When the person declared them' },
        }),
        description:
          'Conflicts of interest of an author or reviewer; the admin flags one older than 12 months',
      },
      ArticlePublisher: {
        ...object({
          name: nullable('string'),
          editorialPolicyUrl: nullable('string', { format: 'uri' }),
          sourcingPolicy: nullable('string'),
          fundingStatement: nullable('string'),
          advertisingPolicy: nullable('string'),
        }),
        description: 'Who publishes the article, and the policies shown with it',
      },
      ...slateSchemas,
      ...jsonLdSchemas,
      PublishedArticle: article({ isPublished: true }),
      PreviewArticle: article({ isPublished: false }),
      AuthorProfile: object({
        name: text,
        slug: nullable('string'),
        url: publicLink,
        affiliation: nullable('string'),
        profession: nullable('string'),
        bio: nullable('string'),
        disclosures: disclosures(),
        articles: arrayOf(ref('ArticleSummary')),
      }),
      ReviewerProfile: object({
        name: { type: 'string', description: 'Without the title: print honorific beside it' },
        slug: nullable('string'),
        url: publicLink,
        affiliation: nullable('string'),
        honorific: nullable('string'),
        position: nullable('string'),
        qualifications: nullable('string'),
        disclosures: disclosures(),
        articles: arrayOf(ref('ArticleSummary')),
      }),
    },
  },
})
