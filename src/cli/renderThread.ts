/**
 * The server's render thread (src/delivery/readModel/renderThread.ts): a Payload of its own that
 * runs the read-model queue off the server's event loop, without job crons (the server polls and
 * asks). The server starts it when there is work; it is not a command.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads'

import { getPayload } from 'payload'

import { renderThreadNice } from '@/config/env'
import { ConfigError } from '@/config/errors'
import { compressOnThisThread } from '@/delivery/readModel/compressLater'
import { serveRenderThread } from '@/delivery/readModel/renderThread'
import type { RenderThreadData } from '@/delivery/readModel/renderThread'
import { lowerThisThreadPriority } from '@/shared/threadPriority.mjs'

import { loadConfig, main } from './main'

main({
  keepRunning: true,
  failure: 'The render thread could not start',
  run: async () => {
    if (isMainThread || !parentPort) {
      throw new ConfigError('This is the server’s render thread: `npm start` runs it.')
    }
    const port = parentPort
    // Readers first: when the server and this thread both want a core, the server gets it.
    lowerThisThreadPriority(renderThreadNice())
    await serveRenderThread({
      port,
      openPayload: async () => {
        const payload = await getPayload({ config: await loadConfig() })
        // The thread pool runs at the server's priority: this thread's bodies are compressed here.
        compressOnThisThread(payload)
        return payload
      },
      // In a worker thread, exit ends the thread alone.
      end: () => process.exit(0),
      data: workerData as RenderThreadData,
    })
  },
})
