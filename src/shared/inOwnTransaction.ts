import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'
import type { Payload, PayloadRequest } from 'payload'

/**
 * Runs `work` on a request of its own, in a transaction of its own: committed when it returns,
 * rolled back when it throws. For jobs, reads and background work, which come with none.
 */
export const inOwnTransaction = async <T>(
  payload: Payload,
  work: (req: PayloadRequest) => Promise<T>,
): Promise<T> => {
  const req = await createLocalReq({}, payload)
  const shouldCommit = await initTransaction(req)
  try {
    const result = await work(req)
    if (shouldCommit) {
      await commitTransaction(req)
    }
    return result
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
