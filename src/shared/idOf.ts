/** The id of a relationship value, whether Payload gave the id or the populated document. */
export const idOf = (value: unknown): number | string | null => {
  if (typeof value === 'number' || typeof value === 'string') {
    return value
  }
  if (value && typeof value === 'object' && 'id' in value) {
    const { id } = value as { id: unknown }
    return typeof id === 'number' || typeof id === 'string' ? id : null
  }
  return null
}
