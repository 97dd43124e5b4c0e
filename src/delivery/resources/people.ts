import type { Payload } from 'payload'

import type { Author, MedicalReviewer } from '@payload-types'
import { publicUrl } from '@/config/publicSite'
import type { PublicSite } from '@/config/publicSite'
import { NOT_FOUND } from '@/delivery/http/cached'
import type { Render } from '@/delivery/http/cached'
import { onlyParams } from '@/delivery/http/params'
import { newestChange } from '@/delivery/lastModified'
import { publicDisclosures } from '@/delivery/serializers/disclosures'
import { SLUG_PATTERN } from '@/shared/slugs'
import { listArticles } from './articles'

type People = { authors: Author; 'medical-reviewers': MedicalReviewer }

/** The named fields of `doc`, in that order, null where unset. */
const orNull = <T extends object>({ doc, keys }: { doc: T; keys: (keyof T & string)[] }) =>
  Object.fromEntries(keys.map((key) => [key, doc[key] ?? null]))

type Shown<C extends keyof People> = {
  /** The article field that credits this kind of person. */
  articleField: 'author' | 'medicalReviewer'
  /** The site setting with this kind of person's public URL. */
  urlTemplate: 'authorUrl' | 'reviewerUrl'
  toProfile: (person: People[C]) => Record<string, unknown>
}

// Each kind of person as readers see them.
const SHOWN: { [C in keyof People]: Shown<C> } = {
  authors: {
    articleField: 'author',
    urlTemplate: 'authorUrl',
    toProfile: (author) => ({
      name: author.name,
      ...orNull({ doc: author, keys: ['slug', 'affiliation', 'profession', 'bio'] }),
      disclosures: publicDisclosures(author.disclosures),
    }),
  },
  'medical-reviewers': {
    articleField: 'medicalReviewer',
    urlTemplate: 'reviewerUrl',
    // The plain name: sites print `honorific` beside it.
    toProfile: (reviewer) => ({
      name: reviewer.name,
      ...orNull({
        doc: reviewer,
        keys: ['slug', 'affiliation', 'honorific', 'position', 'qualifications'],
      }),
      disclosures: publicDisclosures(reviewer.disclosures),
    }),
  },
}

/** GET /authors/:slug and /reviewers/:slug: a person's profile plus the live articles that credit them. */
export const personProfile =
  <C extends keyof People>({
    payload,
    collection,
    site,
  }: {
    payload: Payload
    collection: C
    site: PublicSite
  }): Render =>
  async (req) => {
    onlyParams({ query: req.query, allowed: [] })
    const { articleField, urlTemplate, toProfile }: Shown<C> = SHOWN[collection]
    const slug = String(req.params.slug)
    const { docs } = SLUG_PATTERN.test(slug)
      ? await payload.find({
          collection,
          where: { slug: { equals: slug } },
          limit: 1,
          depth: 0,
          overrideAccess: false,
        })
      : { docs: [] }
    const person = docs[0] as People[C] | undefined
    if (!person) {
      return NOT_FOUND
    }
    const articles = await listArticles({
      payload,
      where: { [articleField]: { equals: person.id } },
      page: 1,
      limit: 100,
      site,
    })
    return {
      status: 200,
      json: {
        ...toProfile(person),
        url: publicUrl({ template: site[urlTemplate], slug: person.slug }),
        articles: articles.docs,
      },
      lastModified: await newestChange({
        payload,
        collections: [collection, 'articles', 'authors', 'topics'],
      }),
    }
  }
