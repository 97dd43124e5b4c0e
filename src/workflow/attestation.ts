/** What a reviewer confirms by approving, unless an admin words it otherwise (publisher settings). */
export const DEFAULT_ATTESTATION =
  'I have reviewed this content for clinical accuracy and it is consistent with current evidence.'
