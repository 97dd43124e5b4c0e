export type CitableSource = {
  title?: string | null
  authors?: string | null
  publisher?: string | null
  year?: number | null
  url?: string | null
  doi?: string | null
  pmid?: string | null
  sourceType?: string | null
}

/** A readable reference, Vancouver-like: "Authors. Title. Publisher; Year. doi:… PMID: … URL". */
export const formatCitation = (source: CitableSource): string => {
  const sentence = (value: string | null | undefined) =>
    value && value.trim() ? value.trim().replace(/[.\s]+$/, '') + '.' : null
  const published = [source.publisher?.trim(), source.year ? String(source.year) : null]
    .filter(Boolean)
    .join('; ')
  return [
    sentence(source.authors),
    sentence(source.title),
    sentence(published),
    source.doi ? `doi:${source.doi}.` : null,
    source.pmid ? `PMID: ${source.pmid}.` : null,
    source.url && !source.doi ? source.url : null,
  ]
    .filter(Boolean)
    .join(' ')
}
