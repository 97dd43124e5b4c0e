import fs from 'node:fs/promises'
import path from 'node:path'

import type { UploadConfig } from 'payload'

type UploadHandler = NonNullable<UploadConfig['handlers']>[number]

/** The 404 for a file name with no file behind it, or null to let Payload serve it. */
const notFoundIfMissing = async ({
  staticDir,
  filename,
}: {
  staticDir: string
  filename: string
}): Promise<Response | null> => {
  const dir = path.resolve(staticDir)
  const file = path.resolve(dir, filename)
  if (!file.startsWith(dir + path.sep)) {
    return null
  }
  try {
    await fs.stat(file)
    return null
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? Response.json({ errors: [{ message: 'Not Found' }] }, { status: 404 })
      : null
  }
}

/**
 * An upload handler: a file name with no file behind it is a 404, like any other missing resource.
 * Payload answers 500 "Something went wrong." for it, as if the server had failed. Everything else
 * (the file there, a name Payload refuses) goes on to Payload's own handler.
 */
export const missingFileIsNotFound =
  ({ staticDir }: { staticDir: string }): UploadHandler =>
  (_req, { params }) =>
    notFoundIfMissing({ staticDir, filename: params.filename }).then(
      (response) => response ?? undefined,
    ) as Promise<Response>
