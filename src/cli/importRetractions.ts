/**
 * `npm run retractions:import -- retraction_watch.csv`: loads a retraction list (Retraction Watch /
 * Crossref CSV) while the server may be running on the same database, then flags, e-mails and
 * announces the live articles that cite a newly retracted source.
 */
import fs from 'node:fs'

import { ConfigError } from '@/config/errors'
import { RetractionCsvError } from '@/retractions/csv'
import { importRetractions } from '@/retractions/importRetractions'
import { startPayload } from '@/server/start'

import { loadConfig, main } from './main'

main({
  failure: 'retractions:import failed',
  run: async () => {
    const file = process.argv[2]
    if (!file || !fs.existsSync(file)) {
      throw new ConfigError(
        file
          ? `No file at ${file}.`
          : 'Name the CSV to import: npm run retractions:import -- retraction_watch.csv',
      )
    }
    const { payload } = await startPayload({ loadConfig, log: (line) => console.error(line) })
    try {
      const summary = await importRetractions({
        payload,
        input: fs.createReadStream(file),
        onProgress: (rows) => process.stderr.write(`\r${rows} rows read…`),
      })
      process.stderr.write('\n')
      console.log(
        `Imported ${file} in ${(summary.milliseconds / 1000).toFixed(1)} s: ${summary.rows} rows, ${summary.added} new notices, ${summary.updated} updated, ${summary.duplicates} duplicate rows, ${summary.skipped} skipped.`,
      )
      for (const { line, reason } of summary.skippedRows) {
        console.log(`  line ${line} skipped: ${reason}`)
      }
      console.log(
        summary.flaggedArticles.length
          ? `${summary.flaggedArticles.length} live articles cite a newly retracted source and are flagged for review: ${summary.flaggedArticles.join(', ')}.`
          : 'No live article cites a newly retracted source.',
      )
    } catch (error) {
      if (error instanceof RetractionCsvError) {
        throw new ConfigError(error.message)
      }
      throw error
    } finally {
      await payload.destroy()
    }
  },
})
