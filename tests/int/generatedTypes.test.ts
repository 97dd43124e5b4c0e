import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { expect, it } from '@jest/globals'

it('has a committed payload-types.ts that matches the config', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-types-'))
  const output = path.join(dir, 'payload-types.ts')
  const result = spawnSync('npx', ['payload', 'generate:types'], {
    env: {
      ...process.env,
      NODE_OPTIONS: '--no-deprecation',
      PAYLOAD_TYPES_OUTPUT: output,
      DATABASE_URI: `file:${path.join(dir, 'types.db')}`,
      DATA_DIR: dir,
      PAYLOAD_SECRET: 'types-test-secret-0123456789abcdef',
    },
    encoding: 'utf8',
  })
  expect(result.status).toBe(0)
  // If this fails: run `npm run generate:types` and commit payload-types.ts.
  expect(fs.readFileSync(output, 'utf8')).toBe(fs.readFileSync('payload-types.ts', 'utf8'))
  fs.rmSync(dir, { recursive: true, force: true })
}, 60_000)
