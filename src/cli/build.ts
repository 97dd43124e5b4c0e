/** `npm run build` (and the first step of `npm start`): the admin and the compiled server, when stale. */
import { ensureBuild } from './ensureBuild'

ensureBuild().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
