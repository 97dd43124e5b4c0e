/** What a slug may be; the slug field, the delivery API and its OpenAPI description all check it. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export const MAX_SLUG_LENGTH = 120

/** Lower-case, ASCII, hyphen-separated: "Causes of Lower Back Spasms" → "causes-of-lower-back-spasms". */
export const slugify = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
