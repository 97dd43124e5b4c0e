import type { RequestHandler } from 'express'

/**
 * The client's address as Express saw it (after TRUST_PROXY), handed to Payload in a request
 * header that this server always overwrites, so no client can choose its own.
 */
const CLIENT_ADDRESS_HEADER = 'x-signoff-client-address'

export const passClientAddress: RequestHandler = (req, _res, next) => {
  req.headers[CLIENT_ADDRESS_HEADER] = req.ip ?? req.socket.remoteAddress ?? 'unknown'
  next()
}

/**
 * The address `passClientAddress` recorded, or null for calls that did not come through the HTTP
 * server (the Local API from our own code, scripts, tests calling Payload's handlers directly).
 */
export const clientAddressOf = (req: { headers?: Headers }): string | null =>
  req.headers?.get(CLIENT_ADDRESS_HEADER) ?? null
