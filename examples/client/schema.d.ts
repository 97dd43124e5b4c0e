/**
 * The delivery API (/content/v1) as TypeScript types, for examples/client/index.ts.
 * Generated from src/delivery/openApiDocument.ts by `npm run generate:client`: do not edit.
 */
export interface paths {
  '/articles': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Published articles, newest first
     * @description Live articles as summaries, newest publishedAt first, optionally of one topic or containing text.
     */
    get: operations['listArticles']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/articles/{slug}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * One published article
     * @description The live version of an article, with its sources, people, review dates, disclaimer and JSON-LD.
     */
    get: operations['getArticle']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/topics': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * All topics
     * @description Every topic, by name.
     */
    get: operations['listTopics']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/authors/{slug}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * An author and their published articles
     * @description The public profile of an author and up to 100 live articles they wrote.
     */
    get: operations['getAuthor']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/reviewers/{slug}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * A medical reviewer and the published articles they reviewed
     * @description The public profile of a medical reviewer and up to 100 live articles they reviewed.
     */
    get: operations['getReviewer']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/openapi.json': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * This OpenAPI description
     * @description The OpenAPI 3.1 description of the delivery API, with this server in it.
     */
    get: operations['getOpenApiDocument']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/preview/articles/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * The latest draft of an article, for a signed preview link
     * @description The latest draft in the shape of a published article, where any field may still be missing. Never cached.
     */
    get: operations['previewArticle']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
}
export type webhooks = Record<string, never>
export interface components {
  schemas: {
    Error: {
      error: string
    }
    TopicRef: {
      name: string
      slug: string | null
      /** Format: uri */
      url: string | null
    }
    TopicList: {
      docs: components['schemas']['TopicRef'][]
    }
    AuthorRef: {
      name: string
      slug: string | null
      /** Format: uri */
      url: string | null
    }
    ArticleSummary: {
      title: string
      slug: string
      /** Format: uri */
      url: string
      summary: string
      topics: components['schemas']['TopicRef'][]
      author: components['schemas']['AuthorRef']
      /** Format: date-time */
      publishedAt: string
      /** Format: date-time */
      lastReviewedAt: string
      /** @enum {string} */
      reviewStatus: 'current' | 'due-soon' | 'overdue'
    }
    ArticleList: {
      docs: components['schemas']['ArticleSummary'][]
      page: number
      limit: number
      totalDocs: number
      totalPages: number
    }
    Source: {
      number: number
      citation: string
      url: string | null
      doi: string | null
      pmid: string | null
    }
    /** @description Conflicts of interest of an author or reviewer; the admin flags one older than 12 months */
    Disclosures: {
      /**
       * @description "none-declared" is a statement the person made
       * @enum {string}
       */
      status: 'none-declared' | 'declared'
      /** @description The declared interests; empty with none-declared */
      statements: string[]
      /**
       * Format: date-time
       * @description When the person declared them
       */
      declaredAt: string
    }
    /** @description Who publishes the article, and the policies shown with it */
    ArticlePublisher: {
      name: string | null
      /** Format: uri */
      editorialPolicyUrl: string | null
      sourcingPolicy: string | null
      fundingStatement: string | null
      advertisingPolicy: string | null
    }
    SlateText: {
      text: string
      bold?: boolean
      italic?: boolean
      underline?: boolean
    }
    SlateElement: {
      /** @enum {string} */
      type?: 'p' | 'h2' | 'h3' | 'h4' | 'blockquote' | 'ul' | 'ol' | 'li' | 'link'
      children: components['schemas']['SlateNode'][]
      url?: string
      /** @enum {string} */
      linkType?: 'custom' | 'internal'
      newTab?: boolean
      doc?: {
        /** @enum {string} */
        relationTo: 'articles' | 'topics' | 'authors' | 'medical-reviewers'
        value: string | number
      }
      fields?: Record<string, never>
    }
    /** @description A Slate node: a text leaf, or an element with children */
    SlateNode: components['schemas']['SlateText'] | components['schemas']['SlateElement']
    JsonLdOrganization: {
      /** @constant */
      '@type': 'Organization'
      name: string
    }
    JsonLdPerson: {
      /** @constant */
      '@type': 'Person'
      name: string
      /** Format: uri */
      url?: string
      honorificPrefix?: string
      jobTitle?: string
      affiliation?: components['schemas']['JsonLdOrganization']
      hasCredential?: {
        /** @constant */
        '@type': 'EducationalOccupationalCredential'
        name: string
      }[]
    }
    JsonLdPublisher: {
      /** @constant */
      '@type': 'Organization'
      name: string
      logo?: {
        /** @constant */
        '@type': 'ImageObject'
        /** Format: uri */
        url: string
      }
      /** Format: uri */
      publishingPrinciples?: string
      ownershipFundingInfo?: string
    }
    /** @description A cited source: a ScholarlyArticle (journal in isPartOf) or a CreativeWork (with its publisher) */
    JsonLdCitation: {
      /** @enum {string} */
      '@type': 'ScholarlyArticle' | 'CreativeWork'
      name?: string
      author?: (
        | {
            /** @constant */
            '@type': 'Person'
            name: string
          }
        | {
            /** @constant */
            '@type': 'Organization'
            name: string
          }
      )[]
      datePublished?: string
      /** Format: uri */
      url?: string
      identifier?: {
        /** @constant */
        '@type': 'PropertyValue'
        /** @enum {string} */
        propertyID: 'DOI' | 'PMID'
        value: string
        /** Format: uri */
        url: string
      }[]
      isPartOf?: {
        /** @constant */
        '@type': 'Periodical'
        name: string
      }
      publisher?: components['schemas']['JsonLdOrganization']
    }
    JsonLdTopic: {
      /** @enum {string} */
      '@type':
        | 'MedicalCondition'
        | 'AnatomicalStructure'
        | 'MedicalTherapy'
        | 'MedicalProcedure'
        | 'Drug'
        | 'Thing'
      name: string
      /** Format: uri */
      url?: string
    }
    /** @description schema.org MedicalWebPage, for search engines */
    MedicalWebPage: {
      /** @constant */
      '@context': 'https://schema.org'
      /** @constant */
      '@type': 'MedicalWebPage'
      /** Format: uri */
      '@id'?: string
      /** Format: uri */
      url?: string
      /** Format: uri */
      mainEntityOfPage?: string
      headline: string
      name: string
      description?: string
      inLanguage: string
      /** Format: uri */
      image?: string
      author?: components['schemas']['JsonLdPerson']
      reviewedBy?: components['schemas']['JsonLdPerson']
      /** Format: date */
      lastReviewed?: string
      /** Format: date */
      datePublished?: string
      /** Format: date */
      dateModified?: string
      medicalAudience: {
        /** @enum {string} */
        '@type': 'Patient' | 'MedicalAudience'
        /** @enum {string} */
        audienceType?: 'Caregiver' | 'Clinician' | 'MedicalResearcher'
      }
      citation: components['schemas']['JsonLdCitation'][]
      about: components['schemas']['JsonLdTopic'][]
      publisher?: components['schemas']['JsonLdPublisher']
    }
    PublishedArticle: {
      title: string
      slug: string
      /**
       * Format: uri
       * @description The public page (PUBLIC_ARTICLE_URL)
       */
      url: string
      summary: string
      /** @description Slate JSON */
      body: components['schemas']['SlateNode'][]
      /** @description Sanitized HTML rendered from the body */
      html: string
      keyMessages: string[]
      topics: components['schemas']['TopicRef'][]
      /** @enum {string} */
      audience: 'patient' | 'caregiver' | 'clinician' | 'researcher'
      heroImage: {
        url: string | null
        alt: string
      } | null
      author: {
        name: string
        slug: string | null
        /** Format: uri */
        url: string | null
        profession: string | null
        affiliation: string | null
        /** @description Conflicts of interest; null when never declared (not the same as none declared) */
        disclosures: components['schemas']['Disclosures'] | null
      }
      medicalReviewer: {
        /** @description Without the title: print honorific beside it */
        name: string
        slug: string | null
        /** Format: uri */
        url: string | null
        honorific: string | null
        position: string | null
        affiliation: string | null
        qualifications: string | null
        /** @description Conflicts of interest; null when never declared (not the same as none declared) */
        disclosures: components['schemas']['Disclosures'] | null
      }
      /** Format: date-time */
      publishedAt: string
      /** Format: date-time */
      lastReviewedAt: string
      /** Format: date-time */
      nextReviewDue: string
      /** @enum {string} */
      reviewStatus: 'current' | 'due-soon' | 'overdue'
      /** @description School grade a reader needs for the body (English): Flesch–Kincaid and SMOG, null without text */
      readability: {
        fleschKincaidGrade: number | null
        smog: number | null
      }
      /** @description Only with OVERDUE_POLICY=notice, while the medical review is overdue: a notice for readers, and the date the review fell due */
      reviewNotice?: {
        text: string
        /** Format: date-time */
        since: string
      }
      sources: components['schemas']['Source'][]
      disclaimer: {
        title: string
        text: string
      }
      publisher: components['schemas']['ArticlePublisher']
      jsonLd: components['schemas']['MedicalWebPage']
    }
    PreviewArticle: {
      title: string
      slug: string | null
      /** @description The public page (PUBLIC_ARTICLE_URL) */
      url: string | null
      summary: string | null
      /** @description Slate JSON */
      body: components['schemas']['SlateNode'][]
      /** @description Sanitized HTML rendered from the body */
      html: string
      keyMessages: string[]
      topics: components['schemas']['TopicRef'][]
      /** @enum {string} */
      audience: 'patient' | 'caregiver' | 'clinician' | 'researcher'
      heroImage: {
        url: string | null
        alt: string
      } | null
      author: {
        name: string
        slug: string | null
        /** Format: uri */
        url: string | null
        profession: string | null
        affiliation: string | null
        /** @description Conflicts of interest; null when never declared (not the same as none declared) */
        disclosures: components['schemas']['Disclosures'] | null
      } | null
      medicalReviewer: {
        /** @description Without the title: print honorific beside it */
        name: string
        slug: string | null
        /** Format: uri */
        url: string | null
        honorific: string | null
        position: string | null
        affiliation: string | null
        qualifications: string | null
        /** @description Conflicts of interest; null when never declared (not the same as none declared) */
        disclosures: components['schemas']['Disclosures'] | null
      } | null
      publishedAt: string | null
      lastReviewedAt: string | null
      nextReviewDue: string | null
      reviewStatus: ('current' | 'due-soon' | 'overdue') | null
      /** @description School grade a reader needs for the body (English): Flesch–Kincaid and SMOG, null without text */
      readability: {
        fleschKincaidGrade: number | null
        smog: number | null
      }
      /** @description Only with OVERDUE_POLICY=notice, while the medical review is overdue: a notice for readers, and the date the review fell due */
      reviewNotice?: {
        text: string
        /** Format: date-time */
        since: string
      }
      sources: components['schemas']['Source'][]
      disclaimer: {
        title: string
        text: string
      } | null
      publisher: components['schemas']['ArticlePublisher']
      jsonLd: components['schemas']['MedicalWebPage']
    }
    AuthorProfile: {
      name: string
      slug: string | null
      /** Format: uri */
      url: string | null
      affiliation: string | null
      profession: string | null
      bio: string | null
      /** @description Conflicts of interest; null when never declared (not the same as none declared) */
      disclosures: components['schemas']['Disclosures'] | null
      articles: components['schemas']['ArticleSummary'][]
    }
    ReviewerProfile: {
      /** @description Without the title: print honorific beside it */
      name: string
      slug: string | null
      /** Format: uri */
      url: string | null
      affiliation: string | null
      honorific: string | null
      position: string | null
      qualifications: string | null
      /** @description Conflicts of interest; null when never declared (not the same as none declared) */
      disclosures: components['schemas']['Disclosures'] | null
      articles: components['schemas']['ArticleSummary'][]
    }
  }
  responses: {
    /** @description Not modified: If-None-Match names the ETag, or If-Modified-Since is current */
    NotModified: {
      headers: {
        ETag: components['headers']['ETag']
        'Last-Modified': components['headers']['LastModified']
        'Cache-Control': components['headers']['CacheControl']
        Vary: components['headers']['Vary']
        [name: string]: unknown
      }
      content?: never
    }
    /** @description An unknown query parameter, or one out of range (the message names it) */
    BadRequest: {
      headers: {
        [name: string]: unknown
      }
      content: {
        'application/json': components['schemas']['Error']
      }
    }
    /** @description No such published item */
    NotFound: {
      headers: {
        [name: string]: unknown
      }
      content: {
        'application/json': components['schemas']['Error']
      }
    }
    /** @description Over the rate limit */
    TooManyRequests: {
      headers: {
        'Retry-After': components['headers']['RetryAfter']
        [name: string]: unknown
      }
      content: {
        'application/json': components['schemas']['Error']
      }
    }
    /** @description The database is down and nothing is cached for this URL */
    Unavailable: {
      headers: {
        'Retry-After': components['headers']['RetryAfter']
        [name: string]: unknown
      }
      content: {
        'application/json': components['schemas']['Error']
      }
    }
  }
  parameters: never
  requestBodies: never
  headers: {
    /** @description Strong validator of the body; each encoding has its own */
    ETag: string
    /** @description When what the answer shows last changed */
    LastModified: string
    /** @description Caching policy for browsers and CDNs */
    CacheControl: string
    /** @description Accept-Encoding, and Origin when CORS is limited to a list of sites */
    Vary: string
    /** @description br or gzip when the body is compressed */
    ContentEncoding: 'br' | 'gzip'
    /** @description Seconds to wait before trying again */
    RetryAfter: number
  }
  pathItems: never
}
export type $defs = Record<string, never>
export interface operations {
  listArticles: {
    parameters: {
      query?: {
        /** @description Topic slug */
        topic?: string
        /** @description Words that must all be in the title, or all in the summary (literal text, no control characters) */
        q?: string
        page?: number
        limit?: number
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description A page of articles */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          'Last-Modified': components['headers']['LastModified']
          'Cache-Control': components['headers']['CacheControl']
          Vary: components['headers']['Vary']
          'Content-Encoding': components['headers']['ContentEncoding']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ArticleList']
        }
      }
      304: components['responses']['NotModified']
      400: components['responses']['BadRequest']
      429: components['responses']['TooManyRequests']
      503: components['responses']['Unavailable']
    }
  }
  getArticle: {
    parameters: {
      query?: never
      header?: never
      path: {
        slug: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The article */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          'Last-Modified': components['headers']['LastModified']
          'Cache-Control': components['headers']['CacheControl']
          Vary: components['headers']['Vary']
          'Content-Encoding': components['headers']['ContentEncoding']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PublishedArticle']
        }
      }
      304: components['responses']['NotModified']
      400: components['responses']['BadRequest']
      404: components['responses']['NotFound']
      429: components['responses']['TooManyRequests']
      503: components['responses']['Unavailable']
    }
  }
  listTopics: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Topics */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          'Last-Modified': components['headers']['LastModified']
          'Cache-Control': components['headers']['CacheControl']
          Vary: components['headers']['Vary']
          'Content-Encoding': components['headers']['ContentEncoding']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['TopicList']
        }
      }
      304: components['responses']['NotModified']
      400: components['responses']['BadRequest']
      429: components['responses']['TooManyRequests']
      503: components['responses']['Unavailable']
    }
  }
  getAuthor: {
    parameters: {
      query?: never
      header?: never
      path: {
        slug: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The author */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          'Last-Modified': components['headers']['LastModified']
          'Cache-Control': components['headers']['CacheControl']
          Vary: components['headers']['Vary']
          'Content-Encoding': components['headers']['ContentEncoding']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AuthorProfile']
        }
      }
      304: components['responses']['NotModified']
      400: components['responses']['BadRequest']
      404: components['responses']['NotFound']
      429: components['responses']['TooManyRequests']
      503: components['responses']['Unavailable']
    }
  }
  getReviewer: {
    parameters: {
      query?: never
      header?: never
      path: {
        slug: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The reviewer */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          'Last-Modified': components['headers']['LastModified']
          'Cache-Control': components['headers']['CacheControl']
          Vary: components['headers']['Vary']
          'Content-Encoding': components['headers']['ContentEncoding']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ReviewerProfile']
        }
      }
      304: components['responses']['NotModified']
      400: components['responses']['BadRequest']
      404: components['responses']['NotFound']
      429: components['responses']['TooManyRequests']
      503: components['responses']['Unavailable']
    }
  }
  getOpenApiDocument: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The OpenAPI document */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          'Last-Modified': components['headers']['LastModified']
          'Cache-Control': components['headers']['CacheControl']
          Vary: components['headers']['Vary']
          'Content-Encoding': components['headers']['ContentEncoding']
          [name: string]: unknown
        }
        content: {
          'application/json': Record<string, never>
        }
      }
      304: components['responses']['NotModified']
      400: components['responses']['BadRequest']
      429: components['responses']['TooManyRequests']
      503: components['responses']['Unavailable']
    }
  }
  previewArticle: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The draft (Cache-Control: no-store) */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          'Last-Modified': components['headers']['LastModified']
          'Cache-Control': components['headers']['CacheControl']
          Vary: components['headers']['Vary']
          'Content-Encoding': components['headers']['ContentEncoding']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PreviewArticle']
        }
      }
      304: components['responses']['NotModified']
      400: components['responses']['BadRequest']
      /** @description Invalid or expired token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Error']
        }
      }
      404: components['responses']['NotFound']
      429: components['responses']['TooManyRequests']
      503: components['responses']['Unavailable']
    }
  }
}
