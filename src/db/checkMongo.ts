import { ConfigError } from '@/config/errors'

/**
 * Reaches the MongoDB server before Payload does, so an unreachable server fails in seconds with one
 * clear line, and tells whether it is a replica set (Payload's transactions need one).
 */
export const checkMongo = async ({
  uri,
  host,
  timeoutMs = 2000,
}: {
  uri: string
  host: string
  timeoutMs?: number
}): Promise<{ isReplicaSet: boolean }> => {
  // Loaded here, not at the top: a SQLite start-up never pays for MongoDB's driver.
  const { MongoClient } = await import('mongodb')
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
  })
  try {
    await client.connect()
    const hello = await client.db('admin').command({ hello: 1 })
    return { isReplicaSet: typeof hello.setName === 'string' }
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new ConfigError(
      `Cannot reach MongoDB at ${host} (from DATABASE_URI) within ${timeoutMs / 1000} s: ${reason}. ` +
        'Check that the server is running and reachable from here, the host, port and credentials in DATABASE_URI, and (Atlas) the IP access list.',
    )
  } finally {
    await client.close().catch(() => undefined)
  }
}
