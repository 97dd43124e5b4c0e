import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from '@jest/globals'

import { seedArticle } from '@/seed/fixture'

const seedFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/seed/000_92a1c18e4cc922d4.txt',
)

/** The seed page, if it is beside the repository (it is in CI and on developers' machines). */
const readSeed = (): string => {
  if (!fs.existsSync(seedFile)) {
    throw new Error(`The seed page is not at ${seedFile}; this test compares the fixture with it.`)
  }
  return fs.readFileSync(seedFile, 'utf8')
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.replace(/^\s*•\s*/, '').trim())
    .filter(Boolean)

describe('the seed fixture', () => {
  const page = readSeed()
  const pageLines = lines(page)

  it('has the title, people and dates of the page', () => {
    expect(pageLines[0]).toBe(seedArticle.title)
    expect(page).toContain(`Written by ${seedArticle.author.name}`)
    expect(page).toContain(`${seedArticle.author.profession}, ${seedArticle.author.affiliation}`)
    const reviewer = seedArticle.medicalReviewer
    expect(page).toContain(`Medically reviewed by ${reviewer.honorific} ${reviewer.name}`)
    expect(page).toContain(`${reviewer.position}, ${reviewer.affiliation}`)
    expect(seedArticle.reviewedOn).toBe('2022-05-30')
    expect(page).toContain('Reviewed on May 30, 2022')
    expect(page).toContain('Published on May 30, 2022')
    expect(pageLines).toContain(seedArticle.heroImageAlt)
  })

  it('holds every line of the article body, in the page order, and nothing else', () => {
    const fixtureLines = seedArticle.body.flatMap((block) =>
      block.type === 'ul' ? block.items : [block.text],
    )
    const start = pageLines.indexOf(fixtureLines[0] as string)
    const end = pageLines.indexOf('Key messages')
    expect(start).toBeGreaterThan(0)
    expect(pageLines.slice(start, end)).toEqual(fixtureLines)
  })

  it('keeps the headings as headings and the bullet lists as lists', () => {
    const headings = seedArticle.body
      .filter((block) => block.type === 'h2')
      .map((block) => block.text)
    expect(headings).toEqual([
      'What are the symptoms of lower back spasms?',
      'What causes lower back spasms?',
      'Diagnosis',
      'Treatment of Lower Back Spasms',
      'Prevention of Lower Back Spasms',
    ])
    const lists = seedArticle.body.filter((block) => block.type === 'ul')
    expect(lists.map((list) => list.items.length)).toEqual([5, 7])
    const articlePart = page.slice(0, page.indexOf('Key messages'))
    const bullets = articlePart.split('\n').filter((line) => line.trim().startsWith('•')).length
    expect(lists.reduce((sum, list) => sum + list.items.length, 0)).toBe(bullets)
  })

  it('has the key messages, the content disclaimer and the sourcing policy word for word', () => {
    const afterKeyMessages = pageLines[pageLines.indexOf('Key messages') + 1]
    expect(seedArticle.keyMessages).toEqual([afterKeyMessages])
    expect(pageLines[pageLines.indexOf(seedArticle.disclaimer.title) + 1]).toBe(
      seedArticle.disclaimer.text,
    )
    expect(pageLines).toContain(seedArticle.publisher.sourcingPolicy)
  })

  it('has a source for every citation marker in the body', () => {
    const markers = [...page.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]))
    expect(Math.max(...markers)).toBe(seedArticle.sources.length)
    expect(
      seedArticle.sources.every((source) => source.sourceType !== ('tertiary' as string)),
    ).toBe(true)
  })
})
