import type { Access, FieldAccess } from 'payload'

/** For records nobody may change, admins included. */
export const nobody: Access = () => false

/** For fields only Signoff's own code writes (it passes `overrideAccess`). */
export const nobodyField: FieldAccess = () => false
