/**
 * The delivery load that runs beside an editors' case, in a process of its own. In the bench's own
 * process autocannon's 50 connections kept its event loop busy, and the editors' client (timing a
 * decision, say) waited for its turn there: part of what it measured was the load generator, not
 * Signoff. The child loads the same case (`article`: random slugs, identity) until told to stop,
 * then sends back what autocannon measured.
 */
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import { load } from './cases'

type Result = { rps: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number }

type Start = { base: string; slugs: string[]; connections: number }

type Message = { started: true } | { result: Result } | { error: string }

const IS_CHILD = process.env.SIGNOFF_BENCH_LOAD_CHILD === '1'

/** Starts the load in a child process; `stop()` ends it and gives the figures. */
export const loadBeside = async ({
  base,
  slugs,
  connections,
}: Start): Promise<{ stop: () => Promise<Result> }> => {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, SIGNOFF_BENCH_LOAD_CHILD: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const messages: Message[] = []
  const waiting: ((message: Message) => void)[] = []
  let exited: string | null = null
  child.on('message', (message: Message) => {
    const next = waiting.shift()
    if (next) {
      next(message)
    } else {
      messages.push(message)
    }
  })
  child.on('exit', (code) => {
    exited = `the load process exited (${code})`
    for (const next of waiting.splice(0)) {
      next({ error: exited })
    }
  })
  const nextMessage = () =>
    new Promise<Message>((resolve) => {
      const queued = messages.shift()
      if (queued) {
        resolve(queued)
      } else if (exited) {
        resolve({ error: exited })
      } else {
        waiting.push(resolve)
      }
    })
  const expect = async <K extends 'started' | 'result'>(key: K) => {
    const message = await nextMessage()
    if ('error' in message) {
      child.kill()
      throw new Error(`Delivery load beside the editors' case: ${message.error}`)
    }
    if (!(key in message)) {
      child.kill()
      throw new Error(`Delivery load: expected "${key}", got ${JSON.stringify(message)}`)
    }
    return message as Extract<Message, Record<K, unknown>>
  }
  child.send({ base, slugs, connections } satisfies Start)
  await expect('started')
  return {
    stop: async () => {
      child.send('stop')
      return (await expect('result')).result
    },
  }
}

const runChild = (): void => {
  let stop = () => {}
  const stopped = new Promise<void>((resolve) => {
    stop = resolve
  })
  process.on('message', (message: Start | 'stop') => {
    if (message === 'stop') {
      stop()
      return
    }
    const { base, slugs, connections } = message
    const pick = () => slugs[Math.floor(Math.random() * slugs.length)] as string
    const running = load({
      base,
      paths: () => ({ path: `/content/v1/articles/${pick()}` }),
      seconds: 0,
      connections,
      until: stopped,
    })
    process.send?.({ started: true } satisfies Message)
    const finish = (message: Message, code: number) =>
      process.send?.(message, undefined, undefined, () => process.exit(code))
    running.then(
      (result) => finish({ result }, 0),
      (error: unknown) => finish({ error: String(error) }, 1),
    )
  })
}

if (IS_CHILD) {
  runChild()
}
