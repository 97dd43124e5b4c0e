import { Readable } from 'node:stream'

import type { Endpoint } from 'payload'

import { exportStream, parseExportQuery } from '@/audit/exportRecords'
import { refusalResponse } from '@/shared/refusals'
import { hasRole } from '@/shared/roles'

const TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' }

/**
 * GET /api/review-records/export?format=csv|json&from=&to=: every decision with its hashes, for
 * editors and admins, streamed as it is read.
 */
export const exportRecordsEndpoint: Endpoint = {
  path: '/export',
  method: 'get',
  handler: async (req) => {
    if (!req.user) {
      return refusalResponse({ code: 'UNAUTHENTICATED', message: 'Log in first.' })
    }
    if (!hasRole(req.user, 'admin', 'editor')) {
      return refusalResponse({
        code: 'FORBIDDEN',
        message: 'Only editors and admins export the review records.',
      })
    }
    const parsed = parseExportQuery(req.query as Record<string, unknown>)
    if ('problem' in parsed) {
      return refusalResponse({ code: 'INVALID_QUERY', message: parsed.problem })
    }
    const { format } = parsed.query
    const body = Readable.toWeb(exportStream({ payload: req.payload, query: parsed.query }))
    return new Response(body as ReadableStream, {
      headers: {
        'content-type': TYPES[format],
        'content-disposition': `attachment; filename="review-records.${format}"`,
        'cache-control': 'no-store',
      },
    })
  },
}
