/**
 * The typed client's types (examples/client/schema.d.ts), made from the delivery API's OpenAPI
 * document in this process: no server to start, and the same document gives the same file.
 */
import openapiTS, { astToString } from 'openapi-typescript'
import type { OpenAPI3 } from 'openapi-typescript'
import * as prettier from 'prettier'

import { openApiDocument } from '@/delivery/openApiDocument'

export const CLIENT_SCHEMA_FILE = 'examples/client/schema.d.ts'

const HEADER = [
  '/**',
  ' * The delivery API (/content/v1) as TypeScript types, for examples/client/index.ts.',
  ' * Generated from src/delivery/openApiDocument.ts by `npm run generate:client`: do not edit.',
  ' */',
  '',
].join('\n')

/** The file's text, formatted as `prettier --check` wants it. */
export const renderClientSchema = async (): Promise<string> => {
  // The origin only reaches `servers`, which the types leave out.
  const document = openApiDocument({ origin: 'http://localhost:3000' }) as unknown as OpenAPI3
  const ast = await openapiTS(document, { silent: true })
  const options = await prettier.resolveConfig(CLIENT_SCHEMA_FILE)
  return prettier.format(HEADER + astToString(ast), {
    ...options,
    filepath: CLIENT_SCHEMA_FILE,
  })
}
