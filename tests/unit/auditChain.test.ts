import { describe, expect, it } from '@jest/globals'

import {
  canonicalJson,
  canonicalRecord,
  chainHead,
  chainOrder,
  firstBreak,
  genesisHash,
  recordHash,
} from '@/audit/chain'
import type { ChainedRecord } from '@/audit/chain'

const decision = (extra: Partial<ChainedRecord> = {}): ChainedRecord => ({
  article: 7,
  versionId: '12',
  action: 'submit',
  fromStage: 'draft',
  toStage: 'in_review',
  actor: 3,
  actorName: 'Wendy Writer',
  note: null,
  fingerprint: 'v2:abc',
  at: '2026-01-02T10:00:00.000Z',
  attestation: null,
  reviewerCredentials: { qualifications: null, verifiedUntil: null },
  ...extra,
})

/** Records chained as Signoff writes them. */
const chained = (records: ChainedRecord[]): ChainedRecord[] => {
  let previousHash = genesisHash(7)
  return records.map((record, index) => {
    const hash = recordHash({ record, previousHash })
    const linked = { ...record, id: index + 1, previousHash, hash }
    previousHash = hash
    return linked
  })
}

describe('the canonical form', () => {
  it('sorts keys at every level and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: null, e: 'x' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[2,{"e":"x","f":null}]},"b":1}',
    )
  })

  it('reads ids, instants and empty credentials the same whichever adapter stored them', () => {
    const sqlite = canonicalRecord(decision())
    const mongo = canonicalRecord(
      decision({
        article: '7',
        actor: { id: 3 },
        at: new Date('2026-01-02T10:00:00Z'),
        reviewerCredentials: undefined,
        note: undefined,
      }),
    )
    expect(mongo).toEqual(sqlite)
    expect(sqlite.reviewerCredentials).toBeNull()
  })

  it('covers the fields the brief names, and the previous hash', () => {
    const record = decision()
    const hash = recordHash({ record, previousHash: genesisHash(7) })
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    for (const change of [
      { note: 'x' },
      { actorName: 'Someone else' },
      { at: '2026-01-02T10:00:00.001Z' },
      { fingerprint: 'v2:abd' },
      { reviewerCredentials: { qualifications: 'MBBS', verifiedUntil: null } },
      { article: 8 },
    ]) {
      expect(recordHash({ record: decision(change), previousHash: genesisHash(7) })).not.toBe(hash)
    }
    expect(recordHash({ record, previousHash: 'f'.repeat(64) })).not.toBe(hash)
    // Not hashed: the title as it was, and bookkeeping for access.
    expect(
      recordHash({
        record: { ...record, articleTitle: 'Renamed' } as ChainedRecord,
        previousHash: genesisHash(7),
      }),
    ).toBe(hash)
  })
})

describe('the chain of an article', () => {
  const records = chained([
    decision(),
    decision({ action: 'approve', fromStage: 'in_review', toStage: 'approved', actor: 4 }),
    decision({ action: 'publish', fromStage: 'approved', toStage: 'published', actor: 5 }),
  ])

  it('holds as written, and its head is the last hash', () => {
    expect(firstBreak(records)).toBeNull()
    expect(chainHead({ articleId: 7, records })).toBe(records[2]?.hash)
    expect(chainHead({ articleId: 9, records: [] })).toBe(genesisHash(9))
  })

  it('names a record whose fields were changed', () => {
    const altered = records.map((r) => (r.id === 2 ? { ...r, note: 'Looks fine' } : r))
    expect(firstBreak(altered)).toMatchObject({
      article: '7',
      recordId: '2',
      reason: 'changed',
      found: `hash ${records[1]?.hash}`,
    })
  })

  it('names the record after one that was deleted', () => {
    const gap = records.filter((r) => r.id !== 2)
    expect(firstBreak(chainOrder(gap))).toMatchObject({
      recordId: '3',
      reason: 'out of chain',
      expected: `previousHash ${records[0]?.hash}`,
      found: `previousHash ${records[1]?.hash}`,
    })
  })

  it('follows the links whatever order the records were read in', () => {
    expect(chainOrder([...records].reverse()).map((r) => r.id)).toEqual([1, 2, 3])
  })
})
