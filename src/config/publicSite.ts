import { currentEnv, overduePolicy, serverUrl } from './env'
import type { Env } from './env'
import { ConfigError } from './errors'

/**
 * Where the public site shows things, as search engines should link to them: URL templates with
 * `{slug}`, the origin media files are served from, and the content's language.
 */
export type PublicSite = {
  articleUrl: string
  topicUrl: string
  authorUrl: string
  reviewerUrl: string
  /** Media paths (`/api/media/file/…`) are appended to it. */
  mediaOrigin: string
  /** BCP 47, e.g. `en` or `en-AU`. */
  language: string
  /** OVERDUE_POLICY=notice: an overdue article carries a `reviewNotice` readers are shown. */
  showsOverdueNotice: boolean
}

const SLUG = '{slug}'

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value.replace(SLUG, 'slug'))
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

/** A URL template with {slug}, or the delivery API's own URL when unset. */
const template = ({
  given,
  name,
  example,
  fallback,
}: {
  given: string | undefined
  name: string
  example: string
  fallback: string
}): string => {
  const value = given?.trim()
  if (!value) {
    return fallback
  }
  if (!isHttpUrl(value) || !value.includes(SLUG)) {
    throw new ConfigError(
      `${name} must be an http(s) URL with {slug} where the slug goes, e.g. ${example}; got "${value}".`,
    )
  }
  return value
}

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/

/** The public site's URLs and language from the environment; a wrong value is a ConfigError. */
export const publicSite = (env: Env = currentEnv()): PublicSite => {
  const api = `${serverUrl(env)}/content/v1`
  const media = env.PUBLIC_MEDIA_URL?.trim().replace(/\/+$/, '')
  if (media && (!isHttpUrl(media) || media.includes(SLUG))) {
    throw new ConfigError(
      `PUBLIC_MEDIA_URL must be the http(s) origin media files are served from, e.g. https://cdn.example.org; got "${media}".`,
    )
  }
  const language = env.CONTENT_LANGUAGE?.trim() || 'en'
  if (!LANGUAGE_TAG.test(language)) {
    throw new ConfigError(
      `CONTENT_LANGUAGE must be a language tag such as en or en-AU; got "${language}".`,
    )
  }
  return {
    showsOverdueNotice: overduePolicy(env) === 'notice',
    articleUrl: template({
      given: env.PUBLIC_ARTICLE_URL,
      name: 'PUBLIC_ARTICLE_URL',
      example: 'https://www.example.org/articles/{slug}',
      fallback: `${api}/articles/${SLUG}`,
    }),
    topicUrl: template({
      given: env.PUBLIC_TOPIC_URL,
      name: 'PUBLIC_TOPIC_URL',
      example: 'https://www.example.org/topics/{slug}',
      fallback: `${api}/articles?topic=${SLUG}`,
    }),
    authorUrl: template({
      given: env.PUBLIC_AUTHOR_URL,
      name: 'PUBLIC_AUTHOR_URL',
      example: 'https://www.example.org/authors/{slug}',
      fallback: `${api}/authors/${SLUG}`,
    }),
    reviewerUrl: template({
      given: env.PUBLIC_REVIEWER_URL,
      name: 'PUBLIC_REVIEWER_URL',
      example: 'https://www.example.org/reviewers/{slug}',
      fallback: `${api}/reviewers/${SLUG}`,
    }),
    mediaOrigin: media || serverUrl(env),
    language,
  }
}

/** A template's URL for one slug; null without a slug. */
export const publicUrl = ({
  template: pattern,
  slug,
}: {
  template: string
  slug: string | null | undefined
}): string | null => (slug ? pattern.replaceAll(SLUG, encodeURIComponent(slug)) : null)
