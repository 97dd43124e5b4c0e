import type { CollectionConfig, GlobalConfig } from 'payload'

type HookLists = Record<string, readonly unknown[] | undefined>

const merged = (own: HookLists | undefined, added: HookLists, isFirst: boolean): HookLists => {
  const result: HookLists = { ...own }
  for (const [name, hooks] of Object.entries(added)) {
    const mine = own?.[name] ?? []
    result[name] = isFirst ? [...(hooks ?? []), ...mine] : [...mine, ...(hooks ?? [])]
  }
  return result
}

/**
 * A plugin's hooks on the collections it names, after each collection's own (or before them,
 * `isFirst`): how cross-cutting behaviour reaches a collection without being listed in it.
 */
export const withCollectionHooks = ({
  collections,
  slugs,
  hooks,
  isFirst = false,
}: {
  collections: CollectionConfig[]
  slugs: readonly string[] | 'all'
  hooks: NonNullable<CollectionConfig['hooks']>
  isFirst?: boolean
}): CollectionConfig[] =>
  collections.map((collection) =>
    slugs === 'all' || slugs.includes(collection.slug)
      ? {
          ...collection,
          hooks: merged(collection.hooks as HookLists, hooks as HookLists, isFirst),
        }
      : collection,
  )

/** The same for globals. */
export const withGlobalHooks = ({
  globals,
  slugs,
  hooks,
}: {
  globals: GlobalConfig[]
  slugs: readonly string[]
  hooks: NonNullable<GlobalConfig['hooks']>
}): GlobalConfig[] =>
  globals.map((global) =>
    slugs.includes(global.slug)
      ? { ...global, hooks: merged(global.hooks as HookLists, hooks as HookLists, false) }
      : global,
  )
