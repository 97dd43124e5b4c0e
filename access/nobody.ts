import type { Access, FieldAccess } from 'payload'

/** For records nobody may change, admins included. */
export const nobody: Access = () => false

/** For fields only Signoff's own code writes (it passes `overrideAccess`). */
export const nobodyField: FieldAccess = () => false

/**
 * A collection only Signoff's own code reads and writes: hidden from the admin, out of GraphQL,
 * never locked, and closed to every API door, admins included.
 */
export const internalOnly = () => ({
  admin: { hidden: true },
  // Fresh objects each time: Payload completes a collection's config in place.
  graphQL: false as const,
  lockDocuments: false as const,
  access: {
    create: nobody,
    read: nobody,
    update: nobody,
    delete: nobody,
    readVersions: nobody,
    unlock: nobody,
  },
})
