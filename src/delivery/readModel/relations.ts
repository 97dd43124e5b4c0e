import type { CollectionConfig, Field } from 'payload'

/** Article fields the read model never renders (src/delivery/readModel/refresh.ts leaves them out). */
const NOT_RENDERED = ['createdBy', 'approvedFingerprint'] as const

/** Globals a rendered article shows: the publisher's block and its JSON-LD's publisher. */
export const RENDERED_GLOBALS = ['publisher'] as const

/**
 * What a rendered article shows that is presentation, not what was written or signed off: an edit
 * to one (a disclaimer's text, a topic's name, the publisher's block) leaves readers the rendering
 * they have until the refresh job has made it again. An edit to a person, a source or an image,
 * and any delete, must be rendered before an article showing it is sent again.
 */
export const PRESENTATION = ['disclaimers', 'topics', ...RENDERED_GLOBALS] as const

export const isPresentation = (slug: string): boolean =>
  (PRESENTATION as readonly string[]).includes(slug)

const relationsOf = (fields: Field[]): { name: string; relationTo: string[] }[] =>
  fields.flatMap((field) => {
    if (field.type === 'tabs') {
      return field.tabs.flatMap((tab) => relationsOf(tab.fields))
    }
    if ('fields' in field && field.type !== 'array') {
      return relationsOf(field.fields)
    }
    if ((field.type === 'relationship' || field.type === 'upload') && 'name' in field) {
      const targets = Array.isArray(field.relationTo) ? field.relationTo : [field.relationTo]
      return [{ name: field.name, relationTo: targets }]
    }
    return []
  })

/**
 * The collections whose documents a rendered article shows, read from the articles collection's
 * own fields: a new relationship field is followed without a list to keep up to date.
 */
export const renderedRelations = (collections: readonly CollectionConfig[]): string[] => {
  const articles = collections.find((collection) => collection.slug === 'articles')
  const relations = relationsOf(articles?.fields ?? []).filter(
    ({ name }) => !(NOT_RENDERED as readonly string[]).includes(name),
  )
  return [...new Set(relations.flatMap(({ relationTo }) => relationTo))]
}
