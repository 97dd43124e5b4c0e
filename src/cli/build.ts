/** `npm run build` (and the first step of `npm start`): the admin and the compiled server, when stale. */
import { currentEnv } from '@/config/env'

import { ensureBuild } from './ensureBuild'
import { main } from './main'

main({ run: () => ensureBuild({ env: currentEnv() }), failure: 'The build failed' })
