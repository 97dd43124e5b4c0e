/**
 * Resolves on the event loop's next turn. SQLite calls are synchronous under their promises, so a
 * loop over many articles never gives the loop a turn unless it asks: requests wait for the whole
 * loop, and the SQLite binding, which frees a statement only in a finalizer run on a later turn,
 * holds every statement until the end (about 300 KB an article).
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
