type Rest = (
  path: string,
  init?: RequestInit & { token?: string; json?: unknown },
) => Promise<Response>

/**
 * A workflow decision as the admin sends it: approve and request-changes name the fingerprint of
 * what the person was shown (read first, as the admin does), and approve carries the attestation.
 */
export const decisionBody = async ({
  rest,
  id,
  token,
  action,
  note,
}: {
  rest: Rest
  id: number | string
  token?: string
  action: string
  note?: string
}): Promise<Record<string, unknown>> => {
  const base = { action, ...(note !== undefined ? { note } : {}) }
  if (action !== 'approve' && action !== 'request-changes' && action !== 'reaffirm') {
    return base
  }
  const shown = await rest(`/articles/${id}/workflow`, { ...(token ? { token } : {}) })
  const panel = shown.ok
    ? ((await shown.json()) as { fingerprint?: string; liveFingerprint?: string | null })
    : {}
  // Reaffirm is about the live version: it names what the live page shows.
  const fingerprint = action === 'reaffirm' ? panel.liveFingerprint : panel.fingerprint
  return {
    ...base,
    ...(fingerprint ? { fingerprint } : {}),
    ...(action === 'approve' || action === 'reaffirm' ? { attest: true } : {}),
  }
}

/** POST /api/articles/:id/workflow with the body `decisionBody` builds. */
export const decide = async (args: Parameters<typeof decisionBody>[0]): Promise<Response> =>
  args.rest(`/articles/${args.id}/workflow`, {
    method: 'POST',
    ...(args.token ? { token: args.token } : {}),
    json: await decisionBody(args),
  })
