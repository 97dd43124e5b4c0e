/**
 * Buffers for bodies made for one answer (an identity body unpacked from its packed copy), taken
 * for the answer and given back once the socket has written it. A new 30 KB buffer per request,
 * held until written, outlived young collections: at thousands of requests a second the memory
 * they held outside V8's heap started a full collection several times a second, each a pause of
 * 5–15 ms on every connection.
 */
export type BodyPool = {
  /** A buffer of at least `length` bytes: a free one, or a new one. */
  take: (length: number) => Buffer
  /** `buffer` back, once nothing reads it. */
  give: (buffer: Buffer) => void
}

export const bodyPool = ({
  size = 64 * 1024,
  max = 128,
}: { size?: number; max?: number } = {}): BodyPool => {
  const free: Buffer[] = []
  return {
    take: (length) =>
      length > size ? Buffer.allocUnsafeSlow(length) : (free.pop() ?? Buffer.allocUnsafeSlow(size)),
    give: (buffer) => {
      if (buffer.length === size && free.length < max) {
        free.push(buffer)
      }
    },
  }
}
