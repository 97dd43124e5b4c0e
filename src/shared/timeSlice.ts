import { nextTurn } from './nextTurn'

/**
 * A yield for long background work that shares the event loop with requests: it gives the loop a
 * turn (`nextTurn`) only once `sliceMs` have passed since the last one. Yielding after every small
 * step starves the work under load (each turn waits behind every request that arrived meanwhile);
 * never yielding stalls the requests. With a slice, the work gets about as much time as the turn
 * it waits for, and a request waits at most about one slice.
 */
export const timeSlice = (
  sliceMs: number,
  /** Milliseconds on a monotonic clock; tests pass one they move. */
  now: () => number = () => performance.now(),
): (() => Promise<void>) => {
  let since = now()
  return async () => {
    if (now() - since < sliceMs) {
      return
    }
    await nextTurn()
    since = now()
  }
}
