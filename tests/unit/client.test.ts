import fs from 'node:fs'

import { describe, expect, it } from '@jest/globals'

import { CLIENT_SCHEMA_FILE, renderClientSchema } from '@/cli/clientSchema'
import { createSignoffClient } from '../../examples/client'

describe('the typed client (examples/client)', () => {
  it('is generated from the OpenAPI document as it is now (else: npm run generate:client)', async () => {
    const committed = fs.readFileSync(CLIENT_SCHEMA_FILE, 'utf8')
    // A plain equality: a stale client shows as one failing line, not a 650-line diff.
    expect(committed === (await renderClientSchema())).toBe(true)
  }, 60_000)

  it('asks /content/v1 on the given origin, with the path parameters filled in', async () => {
    const asked: string[] = []
    const client = createSignoffClient('http://cms.example/', {
      fetch: async (request) => {
        asked.push(request.url)
        return new Response(JSON.stringify({ error: 'Not found' }), {
          status: 404,
          headers: { 'content-type': 'application/json' },
        })
      },
    })
    const { data, error, response } = await client.GET('/articles/{slug}', {
      params: { path: { slug: 'knee-pain' } },
    })
    expect(asked).toEqual(['http://cms.example/content/v1/articles/knee-pain'])
    expect(response.status).toBe(404)
    expect(data).toBeUndefined()
    expect(error).toEqual({ error: 'Not found' })
  })
})
