import { spawn } from 'node:child_process'
import net from 'node:net'

import { expect, it } from '@jest/globals'

/** A loopback port with nothing listening on it: a MongoDB that is down. */
const closedPort = async (): Promise<number> =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })

it('fails within seconds, in one line naming the host, when MongoDB cannot be reached', async () => {
  const port = await closedPort()
  const started = Date.now()
  const child = spawn('npx', ['tsx', 'src/cli/seed.ts'], {
    env: {
      ...process.env,
      DATABASE_URI: `mongodb://signoff:secret@127.0.0.1:${port}/signoff`,
      PAYLOAD_SECRET: 'mongo-startup-test-secret-0123456789',
      NODE_OPTIONS: '',
    },
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  const seconds = (Date.now() - started) / 1000

  expect(code).not.toBe(0)
  const lines = stderr.split('\n').filter((line) => line.trim() && !line.includes('npm warn'))
  expect(lines).toHaveLength(1)
  expect(lines[0]).toContain(`Cannot reach MongoDB at 127.0.0.1:${port}`)
  expect(lines[0]).not.toContain('secret')
  // Includes tsx compiling the code on a busy machine; Mongoose's own default would be 30 s.
  expect(seconds).toBeLessThan(15)
}, 30_000)
