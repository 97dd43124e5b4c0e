/**
 * The render thread where the server runs from its TypeScript (`npm run dev`): a worker thread
 * does not inherit the loader `tsx` gave the server, so it registers its own first.
 */
import { register } from 'tsx/esm/api'

register()
await import('./renderThread.ts')
