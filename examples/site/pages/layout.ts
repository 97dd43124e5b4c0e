import { html } from '../html'
import type { Html, Part } from '../html'

export type Site = { name: string; url: string }

/** Every page: a skip link, the header and navigation, one `<main>`, and the footer. */
export const layout = ({
  site,
  title,
  description,
  path,
  head,
  main,
}: {
  site: Site
  title: string
  description?: string | null
  /** The page's path, for its canonical link; none on error pages. */
  path?: string
  head?: Part
  main: Part
}): Html =>
  html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title === site.name ? title : `${title} | ${site.name}`}</title>
        ${description ? html`<meta name="description" content="${description}" />` : ''}
        ${path ? html`<link rel="canonical" href="${site.url}${path}" />` : ''}
        <link rel="stylesheet" href="/site.css" />
        ${head}
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header">
          <a class="site-name" href="/">${site.name}</a>
          <nav aria-label="Main">
            <ul>
              <li><a href="/">Latest articles</a></li>
              <li><a href="/topics">Topics</a></li>
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1">${main}</main>
        <footer class="site-footer">
          <p>
            Every article is written by a health professional and medically reviewed before it is
            published. This site gives general information, not medical advice.
          </p>
        </footer>
      </body>
    </html> `
