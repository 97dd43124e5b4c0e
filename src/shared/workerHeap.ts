import v8 from 'node:v8'
import type { Worker } from 'node:worker_threads'

const SEMI_SPACE_FLAG = /^--max[-_]semi[-_]space[-_]size(?:=(.*))?$/

/**
 * The process's own `--max-semi-space-size` in MB, from NODE_OPTIONS and then the command line
 * (the last one given wins, as in node); 0 when it has none, which is V8's "not set".
 */
export const processSemiSpaceMb = ({
  execArgv = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? '',
}: { execArgv?: readonly string[]; nodeOptions?: string } = {}): number => {
  const args = [...nodeOptions.split(/\s+/).filter(Boolean), ...execArgv]
  let mb = 0
  for (const [index, arg] of args.entries()) {
    const match = SEMI_SPACE_FLAG.exec(arg)
    if (match) {
      const value = Number(match[1] ?? args[index + 1])
      mb = Number.isFinite(value) && value >= 0 ? value : mb
    }
  }
  return mb
}

/**
 * Starts a worker (`start` calls `new Worker`) whose `resourceLimits.maxYoungGenerationSizeMb` is
 * the one it gets. `npm start` runs node with `--max-semi-space-size=4` for the server's own heap,
 * and V8 lets that flag override the young generation a worker asks for: every worker's was 4 MB
 * semi-spaces. The flag is unset while the worker's isolate is made, and the process's value put
 * back once the worker is online or has ended. A worker another caller starts in that moment gets
 * its own `resourceLimits` (or V8's default) too.
 */
export const startWithOwnYoungGeneration = (start: () => Worker): Worker => {
  const own = processSemiSpaceMb()
  if (own === 0) {
    return start()
  }
  v8.setFlagsFromString('--max-semi-space-size=0')
  let isRestored = false
  const restore = () => {
    if (!isRestored) {
      isRestored = true
      v8.setFlagsFromString(`--max-semi-space-size=${own}`)
    }
  }
  try {
    const worker = start()
    worker.once('online', restore)
    worker.once('exit', restore)
    return worker
  } catch (error) {
    restore()
    throw error
  }
}
