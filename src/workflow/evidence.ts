/**
 * The evidence a medical reviewer signs beside the text: what each cited source says and where it
 * is, and which image file (by its hash) with which alt text. Pure: the caller loads the documents.
 */

/** The fields of a source that are part of the evidence: its citation, locators and type. */
const SOURCE_EVIDENCE_FIELDS = [
  'title',
  'authors',
  'publisher',
  'year',
  'url',
  'doi',
  'pmid',
  'sourceType',
] as const

type SignedSource = { id: number | string } & Partial<
  Record<(typeof SOURCE_EVIDENCE_FIELDS)[number], string | number | null>
>

/** The hero image: its file (hash) and alt text are evidence; the rest is what a page needs to show it. */
type SignedImage = {
  id: number | string
  sha256: string | null
  alt: string | null
  url: string | null
  filename: string | null
  mimeType: string | null
  width: number | null
  height: number | null
}

export type Evidence = { sources: SignedSource[]; heroImage: SignedImage | null }

type Doc = { id: number | string }

const valueOf = (value: unknown): string | number | null =>
  typeof value === 'string' || typeof value === 'number' ? value : null

/** Where Payload serves an uploaded image's file. */
const mediaPath = (filename: string): string => `/api/media/file/${encodeURIComponent(filename)}`

const imageEvidence = (heroImage: Doc & Record<string, unknown>): SignedImage => ({
  id: heroImage.id,
  sha256: valueOf(heroImage.sha256) as string | null,
  alt: valueOf(heroImage.alt) as string | null,
  // Relative, so a page built later (another SERVER_URL) still finds the file.
  url: typeof heroImage.filename === 'string' ? mediaPath(heroImage.filename) : null,
  filename: valueOf(heroImage.filename) as string | null,
  mimeType: valueOf(heroImage.mimeType) as string | null,
  width: valueOf(heroImage.width) as number | null,
  height: valueOf(heroImage.height) as number | null,
})

/** The evidence of an article from its sources (in citation order) and hero image, as loaded. */
export const evidenceOf = <S extends Doc, I extends Doc>({
  sources,
  heroImage,
}: {
  sources: S[]
  heroImage: I | null
}): Evidence => ({
  sources: sources.map((source) => ({
    id: source.id,
    ...Object.fromEntries(
      SOURCE_EVIDENCE_FIELDS.map((field) => [
        field,
        valueOf((source as Record<string, unknown>)[field]),
      ]),
    ),
  })),
  heroImage: heroImage ? imageEvidence(heroImage as Doc & Record<string, unknown>) : null,
})

/** Only what is signed: presentation fields (the image's URL and size) are left out. */
export const signedPart = (evidence: Evidence | null | undefined): unknown =>
  evidence
    ? {
        sources: evidence.sources.map((source) => [
          String(source.id),
          ...SOURCE_EVIDENCE_FIELDS.map((field) => source[field] ?? null),
        ]),
        heroImage: evidence.heroImage
          ? [String(evidence.heroImage.id), evidence.heroImage.sha256, evidence.heroImage.alt]
          : null,
      }
    : null

/**
 * What changed between the evidence a reviewer signed and the evidence as it is now, one line
 * each, for editors: "Source [2] (Back problems): url, title".
 */
export const evidenceChanges = ({
  signed,
  current,
}: {
  signed: Evidence
  current: Evidence
}): string[] => {
  const changes: string[] = []
  signed.sources.forEach((was, index) => {
    const now = current.sources.find((source) => String(source.id) === String(was.id))
    const label = `Source [${index + 1}] (${String(was.title ?? 'untitled')})`
    if (!now) {
      changes.push(`${label}: removed`)
      return
    }
    const fields = SOURCE_EVIDENCE_FIELDS.filter(
      (field) => (was[field] ?? null) !== (now[field] ?? null),
    )
    if (fields.length) {
      changes.push(`${label}: ${fields.join(', ')} changed`)
    }
  })
  const [was, now] = [signed.heroImage, current.heroImage]
  if (was && (!now || was.sha256 !== now.sha256 || was.alt !== now.alt)) {
    changes.push(
      !now
        ? 'Hero image: removed'
        : was.sha256 !== now.sha256
          ? 'Hero image: file changed'
          : 'Hero image: alt text changed',
    )
  }
  return changes
}
