/** Ends a turn. */
export type Release = () => void

export type WriterLock = {
  /** Waits, without blocking the event loop, for this thread's turn; first come, first served. */
  acquire: () => Promise<Release>
  /** Lets every waiter, now and later, through: the other thread ended, maybe holding a turn. */
  close: () => void
}

// ES2024, in node since 16; the project's TypeScript library is ES2022.
type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
  timeoutMs: number,
) => { async: boolean; value: Promise<string> | string }
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync.bind(Atomics)

// The buffer's three counters.
const NEXT = 0
const SERVING = 1
const CLOSED = 2

/** The shared memory of a `WriterLock`, made by one thread and handed to the other. */
export const writerLockBuffer = (): SharedArrayBuffer =>
  new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT)

/**
 * A ticket lock over shared memory, for the SQLite writes of two threads of one process (the
 * server and its render thread): each takes a ticket and waits until it is served, so neither
 * waits behind the other for more than the turns queued before it. Taking an uncontended turn
 * costs two atomic operations, no message between the threads; a waiting thread's event loop
 * stays free (`Atomics.waitAsync`).
 */
export const writerLock = (buffer: SharedArrayBuffer): WriterLock => {
  const counters = new Int32Array(buffer)
  const release = () => {
    Atomics.add(counters, SERVING, 1)
    Atomics.notify(counters, SERVING)
  }
  return {
    acquire: async () => {
      const ticket = Atomics.add(counters, NEXT, 1)
      for (;;) {
        if (Atomics.load(counters, CLOSED) === 1) {
          return () => undefined
        }
        const serving = Atomics.load(counters, SERVING)
        if (serving === ticket) {
          return release
        }
        // Woken by a release or a close; the timeout only bounds a missed wake-up.
        const { value } = waitAsync(counters, SERVING, serving, 100)
        await value
      }
    },
    close: () => {
      Atomics.store(counters, CLOSED, 1)
      Atomics.notify(counters, SERVING)
    },
  }
}
