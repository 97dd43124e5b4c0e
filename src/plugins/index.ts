import type { Plugin } from 'payload'

import { announceChangesPlugin } from '@/delivery/announceChanges'
import { readModelPlugin } from '@/delivery/readModel/plugin'
import { inputGuardsPlugin } from '@/validation/inputGuards'

/**
 * What every collection gets without listing it: input guards in front of each operation, the
 * read model kept true, and the delivery caches told of changes. Order matters only within a
 * hook list: each plugin appends (the guards go first).
 */
export const plugins: Plugin[] = [inputGuardsPlugin, readModelPlugin, announceChangesPlugin]
