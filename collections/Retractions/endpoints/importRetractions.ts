import { Readable } from 'node:stream'

import { addDataAndFileToRequest } from 'payload'
import type { Endpoint } from 'payload'

import { RetractionCsvError } from '@/retractions/csv'
import { importRetractions } from '@/retractions/importRetractions'
import { refusalResponse } from '@/shared/refusals'
import { hasRole } from '@/shared/roles'

/** POST /api/retractions/import, a CSV file in the multipart field `file`: admins load a retraction list. */
export const importRetractionsEndpoint: Endpoint = {
  path: '/import',
  method: 'post',
  handler: async (req) => {
    if (!req.user) {
      return refusalResponse({ code: 'UNAUTHENTICATED', message: 'Log in first.' })
    }
    if (!hasRole(req.user, 'admin')) {
      return refusalResponse({ code: 'FORBIDDEN', message: 'Only admins import retraction lists.' })
    }
    await addDataAndFileToRequest(req)
    if (!req.file?.data) {
      return refusalResponse({
        code: 'INVALID_BODY',
        message: 'Send the CSV as multipart/form-data in the field "file".',
      })
    }
    try {
      const summary = await importRetractions({
        payload: req.payload,
        input: Readable.from(req.file.data),
      })
      return Response.json(summary)
    } catch (error) {
      if (error instanceof RetractionCsvError) {
        return refusalResponse({ code: 'INVALID_BODY', message: error.message })
      }
      throw error
    }
  },
}
