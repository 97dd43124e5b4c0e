import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // `npm test` runs `tsc --noEmit` over the whole repository (tests included); Next's own
  // build-time check trips on the Jest globals in tests/, so it is left to tsc.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // src/server.ts starts Payload before Next and Next's routes reuse that instance. Payload must then
  // be one module for both: a bundled second copy fails `instanceof APIError` and turns every
  // validation error into a bare message.
  serverExternalPackages: [
    'payload',
    '@payloadcms/db-sqlite',
    '@payloadcms/db-mongodb',
    '@payloadcms/drizzle',
    // A native addon (the stored identity bodies' codec): loaded by Node, not bundled.
    'lz4-napi',
  ],
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
