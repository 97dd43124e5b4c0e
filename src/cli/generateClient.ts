/** `npm run generate:client`: writes examples/client/schema.d.ts from the delivery API's document. */
import fs from 'node:fs'

import { CLIENT_SCHEMA_FILE, renderClientSchema } from './clientSchema'
import { main } from './main'

main({
  run: async () => {
    fs.writeFileSync(CLIENT_SCHEMA_FILE, await renderClientSchema())
    console.log(`Wrote ${CLIENT_SCHEMA_FILE}.`)
  },
})
