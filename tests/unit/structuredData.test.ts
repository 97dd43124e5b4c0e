import { describe, expect, it } from '@jest/globals'

import { ConfigError } from '@/config/errors'
import { publicSite, publicUrl } from '@/config/publicSite'
import { citationOf, dateModifiedOf } from '@/delivery/serializers/jsonLd'
import { plainNameBesideHonorific } from '@/validation/personName'

describe('publicSite', () => {
  it('falls back to the delivery API on SERVER_URL, English, and media from SERVER_URL', () => {
    expect(publicSite({ SERVER_URL: 'https://cms.example.org/' })).toEqual({
      articleUrl: 'https://cms.example.org/content/v1/articles/{slug}',
      topicUrl: 'https://cms.example.org/content/v1/articles?topic={slug}',
      authorUrl: 'https://cms.example.org/content/v1/authors/{slug}',
      reviewerUrl: 'https://cms.example.org/content/v1/reviewers/{slug}',
      mediaOrigin: 'https://cms.example.org',
      language: 'en',
      showsOverdueNotice: false,
    })
    expect(
      publicSite({ SERVER_URL: 'https://cms.example.org/', OVERDUE_POLICY: 'notice' })
        .showsOverdueNotice,
    ).toBe(true)
  })

  it('takes the public templates, media origin and language that are set', () => {
    const site = publicSite({
      PUBLIC_ARTICLE_URL: 'https://www.example.org/articles/{slug}',
      PUBLIC_MEDIA_URL: 'https://cdn.example.org/',
      CONTENT_LANGUAGE: 'en-AU',
    })
    expect(site).toMatchObject({
      articleUrl: 'https://www.example.org/articles/{slug}',
      mediaOrigin: 'https://cdn.example.org',
      language: 'en-AU',
    })
    expect(publicUrl({ template: site.articleUrl, slug: 'knee-pain' })).toBe(
      'https://www.example.org/articles/knee-pain',
    )
    expect(publicUrl({ template: site.articleUrl, slug: null })).toBeNull()
  })

  it('stops startup with a ConfigError for a template without {slug} or not http(s)', () => {
    for (const [name, value] of [
      ['PUBLIC_ARTICLE_URL', 'https://www.example.org/articles/'],
      ['PUBLIC_TOPIC_URL', 'ftp://www.example.org/{slug}'],
      ['PUBLIC_AUTHOR_URL', '/authors/{slug}'],
      ['PUBLIC_REVIEWER_URL', 'www.example.org/{slug}'],
    ] as const) {
      expect(() => publicSite({ [name]: value })).toThrow(ConfigError)
      expect(() => publicSite({ [name]: value })).toThrow(
        `${name} must be an http(s) URL with {slug} where the slug goes`,
      )
    }
    expect(() => publicSite({ PUBLIC_MEDIA_URL: 'cdn.example.org' })).toThrow(
      /^PUBLIC_MEDIA_URL must be the http\(s\) origin/,
    )
    expect(() => publicSite({ CONTENT_LANGUAGE: 'English' })).toThrow(/^CONTENT_LANGUAGE/)
  })
})

describe('plainNameBesideHonorific', () => {
  it('refuses a title in front of the name when the honorific is set, and says what to write', () => {
    for (const name of [
      'Dr Gina Arena',
      'Dr. Gina Arena',
      'Prof Gina Arena',
      'A/Prof Gina Arena',
    ]) {
      expect(plainNameBesideHonorific({ name, honorific: 'Dr' })).toBe(
        'Write the name without a title ("Gina Arena"): "Dr" is in Honorific, and sites show them together.',
      )
    }
  })

  it('accepts plain names, names that merely start like a title, and names without an honorific', () => {
    expect(plainNameBesideHonorific({ name: 'Gina Arena', honorific: 'Dr' })).toBe(true)
    expect(plainNameBesideHonorific({ name: 'Drew Barrymore', honorific: 'Dr' })).toBe(true)
    expect(plainNameBesideHonorific({ name: 'Dr Gina Arena', honorific: null })).toBe(true)
  })
})

describe('citationOf', () => {
  it('makes a source with a DOI or PMID a ScholarlyArticle with identifiers and its journal', () => {
    expect(
      citationOf({
        title: 'A study',
        authors: 'Hoy D, Bain C, et al.',
        publisher: 'Arthritis & Rheumatism',
        year: 2012,
        doi: '10.1002/art.34347',
        pmid: '22231424',
      }),
    ).toEqual({
      '@type': 'ScholarlyArticle',
      name: 'A study',
      author: [
        { '@type': 'Person', name: 'Hoy D' },
        { '@type': 'Person', name: 'Bain C' },
      ],
      datePublished: '2012',
      url: 'https://doi.org/10.1002/art.34347',
      identifier: [
        {
          '@type': 'PropertyValue',
          propertyID: 'DOI',
          value: '10.1002/art.34347',
          url: 'https://doi.org/10.1002/art.34347',
        },
        {
          '@type': 'PropertyValue',
          propertyID: 'PMID',
          value: '22231424',
          url: 'https://pubmed.ncbi.nlm.nih.gov/22231424/',
        },
      ],
      isPartOf: { '@type': 'Periodical', name: 'Arthritis & Rheumatism' },
    })
  })

  it('makes a report a CreativeWork by its organisation, with its publisher and URL', () => {
    expect(
      citationOf({
        title: 'Back problems',
        authors: 'Australian Institute of Health and Welfare',
        publisher: 'AIHW',
        url: 'https://www.aihw.gov.au/back-problems',
        sourceType: 'government-health-agency',
      }),
    ).toEqual({
      '@type': 'CreativeWork',
      name: 'Back problems',
      author: [{ '@type': 'Organization', name: 'Australian Institute of Health and Welfare' }],
      url: 'https://www.aihw.gov.au/back-problems',
      publisher: { '@type': 'Organization', name: 'AIHW' },
    })
    expect(citationOf({ title: 'A trial', sourceType: 'peer-reviewed-study' })).toEqual({
      '@type': 'ScholarlyArticle',
      name: 'A trial',
    })
  })
})

describe('dateModifiedOf', () => {
  it('is the latest of the dates it is given, ignoring missing ones', () => {
    expect(
      dateModifiedOf([
        '2022-05-30T00:00:00.000Z',
        null,
        '2024-01-02T10:00:00.000Z',
        '2023-07-01T00:00:00.000Z',
      ]),
    ).toBe('2024-01-02T10:00:00.000Z')
    expect(dateModifiedOf([null, undefined])).toBeNull()
  })
})
