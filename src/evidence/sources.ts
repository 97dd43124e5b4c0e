import { ValidationError } from 'payload'
import type { CollectionBeforeValidateHook } from 'payload'

/** What a source may be; the publish rules refuse `tertiary` ones. */
export const SOURCE_TYPES = [
  { label: 'Peer-reviewed study', value: 'peer-reviewed-study' },
  { label: 'Systematic review', value: 'systematic-review' },
  { label: 'Clinical guideline', value: 'clinical-guideline' },
  { label: 'Academic institution', value: 'academic-institution' },
  { label: 'Medical association', value: 'medical-association' },
  { label: 'Government health agency', value: 'government-health-agency' },
  { label: 'Tertiary (encyclopaedia, news, blog): not citable', value: 'tertiary' },
] as const

export const DOI_PATTERN = /^10\.\d{4,9}\/\S+$/
export const PMID_PATTERN = /^\d{1,9}$/

/** Only http(s) links: a source URL ends up as a link on a public page. */
export const isWebUrl = (value: string): boolean => {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

export const hasText = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== ''

/** A reader must be able to find the source: at least one of URL, DOI or PubMed ID. */
export const requireLocator: CollectionBeforeValidateHook = ({ data, originalDoc }) => {
  const merged = { ...originalDoc, ...data }
  if (!hasText(merged.url) && !hasText(merged.doi) && !hasText(merged.pmid)) {
    const message = 'Give at least one of URL, DOI or PubMed ID so readers can find the source.'
    throw new ValidationError({
      collection: 'sources',
      errors: [
        { path: 'url', message },
        { path: 'doi', message },
        { path: 'pmid', message },
      ],
    })
  }
  return data
}
