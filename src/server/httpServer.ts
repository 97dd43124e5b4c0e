import http from 'node:http'
import type { Server } from 'node:http'

import type { Express } from 'express'

/**
 * Whether `base` can run on an object made elsewhere (`base.apply(this, args)`): true of a
 * constructor function, as Node's IncomingMessage and ServerResponse are; false of a class.
 */
export const runsOnThis = (base: unknown): boolean =>
  typeof base === 'function' && !/^class\b/.test(Function.prototype.toString.call(base))

/**
 * The HTTP server for `app`, whose requests and responses are made with Express's prototypes.
 *
 * Express 5 sets the prototype of every request and response it handles (`app.handle`). Changing
 * the prototype of an object already made costs more than the change: measured, each request then
 * left 3 to 10 KB that only a full garbage collection freed, and a request through Express took
 * about twice the CPU (docs/performance.md). Made with the prototype Express gives them, the change
 * is a no-op. Where Node's constructors are classes, this is a plain `http.createServer(app)`.
 */
export const httpServerFor = (app: Express): Server => {
  if (!runsOnThis(http.IncomingMessage) || !runsOnThis(http.ServerResponse)) {
    return http.createServer(app)
  }
  type RunsOnThis = (this: object, ...args: unknown[]) => void
  const NodeRequest = http.IncomingMessage as unknown as RunsOnThis
  const NodeResponse = http.ServerResponse as unknown as RunsOnThis
  // Named as Node's own: stack traces read `IncomingMessage.emit`, as before. (Reflect.construct
  // with another new.target would serve a class too, but measured, it was slower than the change
  // of prototype it saves.)
  function IncomingMessage(this: object, ...args: unknown[]): void {
    NodeRequest.apply(this, args)
  }
  IncomingMessage.prototype = app.request
  function ServerResponse(this: object, ...args: unknown[]): void {
    NodeResponse.apply(this, args)
  }
  ServerResponse.prototype = app.response
  return http.createServer(
    {
      IncomingMessage: IncomingMessage as unknown as typeof http.IncomingMessage,
      ServerResponse: ServerResponse as unknown as typeof http.ServerResponse,
    },
    app,
  )
}
