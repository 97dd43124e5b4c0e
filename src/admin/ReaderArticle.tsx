'use client'
import React from 'react'

import type { ReadingViewArticle } from './useWorkflowPanel'

type Source = ReadingViewArticle['sources'][number]

const SourceLinks = ({ source }: { source: Source }) => {
  const links = [
    source.url ? { href: source.url, label: 'Link' } : null,
    source.doi ? { href: `https://doi.org/${source.doi}`, label: 'DOI' } : null,
    source.pmid
      ? { href: `https://pubmed.ncbi.nlm.nih.gov/${source.pmid}/`, label: 'PubMed' }
      : null,
  ].filter((link) => link !== null)
  return links.map((link) => (
    <React.Fragment key={link.label}>
      {' '}
      <a href={link.href} target="_blank" rel="noopener noreferrer">
        {link.label}
      </a>
    </React.Fragment>
  ))
}

/** One article as the delivery API renders it for readers. */
export const ReaderArticle = ({ article }: { article: ReadingViewArticle }) => (
  <article className="signoff-reading-view">
    {article.heroImage?.url ? (
      <img
        className="signoff-reading-hero"
        src={article.heroImage.url}
        alt={article.heroImage.alt}
      />
    ) : null}
    <h1>{article.title}</h1>
    {article.summary ? <p className="signoff-reading-summary">{article.summary}</p> : null}
    <p className="signoff-reading-byline">
      {article.author ? <span>Written by {article.author.name}</span> : null}
      {article.author && article.medicalReviewer ? ' · ' : null}
      {article.medicalReviewer ? (
        <span>Medically reviewed by {article.medicalReviewer.name}</span>
      ) : null}
    </p>
    {article.keyMessages.length ? (
      <aside className="signoff-reading-key-messages">
        <h2>Key messages</h2>
        <ul>
          {article.keyMessages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      </aside>
    ) : null}
    {/* The server's own serializer escaped this HTML (src/richText/slateToHtml.ts). */}
    <div className="signoff-reading-body" dangerouslySetInnerHTML={{ __html: article.html }} />
    {article.sources.length ? (
      <section className="signoff-reading-sources">
        <h2>Sources</h2>
        <ol>
          {article.sources.map((source) => (
            <li key={source.number} id={`source-${source.number}`} value={source.number}>
              {source.citation}
              <SourceLinks source={source} />
            </li>
          ))}
        </ol>
      </section>
    ) : null}
    {article.disclaimer ? (
      <footer className="signoff-reading-disclaimer">
        <strong>{article.disclaimer.title}</strong>
        <p>{article.disclaimer.text}</p>
      </footer>
    ) : null}
  </article>
)
