/** HTML as strings, safely: everything interpolated into `html` is escaped unless it is `Html`. */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char)

/** Markup that is already safe: made by `html`, or HTML the CMS sanitized. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

export type Part = Html | string | number | null | undefined | false | readonly Part[]

const render = (part: Part): string => {
  if (part === null || part === undefined || part === false) {
    return ''
  }
  if (part instanceof Html) {
    return part.value
  }
  if (Array.isArray(part)) {
    return part.map(render).join('')
  }
  return escapeHtml(String(part))
}

export const html = (strings: TemplateStringsArray, ...values: Part[]): Html =>
  new Html(strings.reduce((out, text, index) => out + text + render(values[index]), ''))

/** Trusted markup, such as the article's `html`, which the CMS sanitized. */
export const raw = (markup: string): Html => new Html(markup)

/**
 * JSON inside `<script type="application/ld+json">`: `<` and `>` escaped so `</script>` or `<!--`
 * in a title cannot end the script, `&` and the JavaScript line separators escaped too.
 */
export const jsonInScript = (value: unknown): Html =>
  raw(
    JSON.stringify(value)
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  )

/** Only http(s) links leave the site: a `javascript:` URL in content never becomes a link. */
export const safeUrl = (url: string | null | undefined): string | null =>
  url && /^https?:\/\//i.test(url) ? url : null
