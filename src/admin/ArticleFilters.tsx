'use client'
import { useAuth } from '@payloadcms/ui'
import React from 'react'

type Me = { id: number | string; roles?: string[]; medicalReviewer?: unknown }

const idOf = (value: unknown): string | null =>
  value && typeof value === 'object' && 'id' in value
    ? String((value as { id: unknown }).id)
    : value === null || value === undefined
      ? null
      : String(value)

/** Saved filters for each person's part of the workflow, as plain links to the filtered list. */
export const ArticleFilters = () => {
  const { user } = useAuth<Me>()
  if (!user) {
    return null
  }
  const roles = user.roles ?? []
  const filters: { label: string; query: string }[] = []
  if (roles.includes('reviewer')) {
    const mine = idOf(user.medicalReviewer)
    filters.push({
      label: 'Awaiting my review',
      query: mine
        ? `where[and][0][stage][equals]=in_review&where[and][1][or][0][medicalReviewer][equals]=${mine}&where[and][1][or][1][medicalReviewer][exists]=false`
        : 'where[stage][equals]=in_review',
    })
  }
  if (roles.includes('writer')) {
    filters.push({
      label: 'Changes requested',
      query: `where[and][0][stage][equals]=changes_requested&where[and][1][createdBy][equals]=${user.id}`,
    })
  }
  if (roles.includes('editor') || roles.includes('admin')) {
    filters.push({ label: 'Ready to publish', query: 'where[stage][equals]=approved' })
    filters.push({ label: 'Review overdue', query: 'where[reviewStatus][equals]=overdue' })
  }
  if (!filters.length) {
    return null
  }
  return (
    <nav
      className="signoff-saved-filters"
      aria-label="Saved filters"
      style={{ display: 'flex', gap: 16, margin: '8px 0 16px' }}
    >
      <a href="/admin/collections/articles">All articles</a>
      {filters.map((filter) => (
        <a key={filter.label} href={`/admin/collections/articles?${filter.query}`}>
          {filter.label}
        </a>
      ))}
    </nav>
  )
}
