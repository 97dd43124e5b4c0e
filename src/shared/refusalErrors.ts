import type { AfterErrorHook } from 'payload'

type ErrorData = { refusals?: { code: string; message: string }[]; code?: string }

/**
 * Refusals met inside Payload's own doors answer like the workflow endpoint:
 * `{"errors": [{"code", "message", …}]}`, so a client switches on one code wherever it came from.
 */
export const refusalsAsErrors: AfterErrorHook = ({ error, graphqlResult }) => {
  const data = (error as { data?: ErrorData }).data
  const refusals =
    data?.refusals ?? (data?.code ? [{ code: data.code, message: error.message }] : null)
  if (!refusals || graphqlResult) {
    return
  }
  return { response: { errors: refusals } }
}
