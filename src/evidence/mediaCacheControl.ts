// A day: a cited image's file is never replaced or deleted (guardEvidence.ts), but an image no
// reviewed article uses yet may still be replaced or deleted by its writer, so not a year.
export const PUBLIC_MEDIA_CACHE_CONTROL = 'public, max-age=86400'

// Anything less than "anyone reads" must not land in a shared cache.
export const PRIVATE_MEDIA_CACHE_CONTROL = 'private, no-cache'

/**
 * Cache-Control for the files of an upload collection (`/api/media/file/…`), for Payload's
 * `upload.modifyResponseHeaders`: it runs on the file's 200 or 206 only, so errors stay uncached.
 * Public only when anyone may read the collection.
 */
export const mediaFileHeaders =
  ({ isPublic }: { isPublic: boolean }) =>
  ({ headers }: { headers: Headers }): Headers => {
    headers.set(
      'Cache-Control',
      isPublic ? PUBLIC_MEDIA_CACHE_CONTROL : PRIVATE_MEDIA_CACHE_CONTROL,
    )
    return headers
  }
