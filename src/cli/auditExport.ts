/**
 * `npm run audit:export -- --format csv|json --out file [--from 2026-01-01] [--to 2026-12-31]`:
 * every review record with its hashes, written as it is read, with progress on stderr.
 */
import fs from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'

import { exportStream, parseExportQuery } from '@/audit/exportRecords'
import { ConfigError } from '@/config/errors'
import { startPayload } from '@/server/start'

import { loadConfig, main } from './main'

main({
  failure: 'audit:export failed',
  run: async () => {
    const { values } = parseArgs({
      options: {
        format: { type: 'string', default: 'csv' },
        out: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
      },
    })
    const parsed = parseExportQuery(values)
    if ('problem' in parsed) {
      throw new ConfigError(parsed.problem)
    }
    if (!values.out) {
      throw new ConfigError('Name the file to write: --out review-records.csv')
    }
    const { payload } = await startPayload({ loadConfig, log: (line) => console.error(line) })
    let rows = 0
    const stream = exportStream({
      payload,
      query: parsed.query,
      onRow: () => {
        rows += 1
        if (rows % 1000 === 0) {
          process.stderr.write(`\r${rows} review records written…`)
        }
      },
    })
    await pipeline(stream, fs.createWriteStream(values.out))
    process.stderr.write(`\r${rows} review records written to ${values.out}.\n`)
    await payload.destroy()
  },
})
