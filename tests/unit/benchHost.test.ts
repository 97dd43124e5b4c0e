import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { proactiveReclaim } from '../../bench/server'

/** A kdamonds directory as sysfs lays it out, with one context and one scheme. */
const kdamonds = ({
  state,
  action,
  minAge,
  aggregateUs,
}: {
  state: string
  action: string
  minAge: number
  aggregateUs: number
}): string => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-kdamonds-'))
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    fs.writeFileSync(path.join(root, file), `${text}\n`)
  }
  write('nr_kdamonds', '1')
  write('0/state', state)
  write('0/contexts/0/monitoring_attrs/intervals/aggr_us', String(aggregateUs))
  write('0/contexts/0/schemes/0/action', action)
  write('0/contexts/0/schemes/0/access_pattern/age/min', String(minAge))
  return root
}

describe("the bench's reading of the host's proactive reclaim", () => {
  const roots: string[] = []
  afterAll(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })))
  const made = (options: Parameters<typeof kdamonds>[0]) => {
    const root = kdamonds(options)
    roots.push(root)
    return root
  }

  it('says after how long unread memory is paged out, from the age and the aggregation interval', () => {
    const root = made({ state: 'on', action: 'pageout', minAge: 12, aggregateUs: 5_000_000 })
    expect(proactiveReclaim(root)).toBe('the kernel pages out memory unread for 60 s (DAMON)')
  })

  it('says nothing when DAMON is off, only monitors, or is not there to read', () => {
    expect(
      proactiveReclaim(made({ state: 'off', action: 'pageout', minAge: 12, aggregateUs: 5e6 })),
    ).toBeNull()
    expect(
      proactiveReclaim(made({ state: 'on', action: 'stat', minAge: 12, aggregateUs: 5e6 })),
    ).toBeNull()
    expect(proactiveReclaim(path.join(os.tmpdir(), 'signoff-no-such-kdamonds'))).toBeNull()
  })
})
