import { html } from '../html'
import { layout } from './layout'
import type { Site } from './layout'

/** Sent with a 404. */
export const notFoundPage = ({ site }: { site: Site }) =>
  layout({
    site,
    title: 'Page not found',
    main: html`<h1>Page not found</h1>
      <p>There is no page at this address. It may have been moved or taken down.</p>
      <p><a href="/">See the latest articles</a> or <a href="/topics">browse the topics</a>.</p>`,
  })

/** Sent with a 503 when the CMS cannot be reached and nothing is cached. */
export const unavailablePage = ({ site }: { site: Site }) =>
  layout({
    site,
    title: 'Temporarily unavailable',
    main: html`<h1>Temporarily unavailable</h1>
      <p>This page cannot be shown right now. Please try again in a minute.</p>`,
  })
