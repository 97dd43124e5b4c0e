/**
 * A short JSON answer from one of Signoff's own endpoints (a decision's outcome, a refusal): for
 * the person who asked, never to be cached or transformed on the way. `no-transform` also keeps
 * Next's compression off it: Next streams every answer without a length, so the compression's
 * 1 KB threshold never applies, and gzip on libuv's thread pool costs each answer more turns of
 * the event loop, each waiting behind every request queued meanwhile (approve + publish under
 * delivery load, p50: 161–230 ms compressed, 142–151 ms with this; docs/performance.md).
 * Long answers (lists, the reading view) keep `Response.json` and their compression.
 */
export const jsonAnswer = (body: unknown, init: ResponseInit = {}): Response => {
  const headers = new Headers(init.headers)
  headers.set('Cache-Control', 'no-store, no-transform')
  return Response.json(body, { ...init, headers })
}
