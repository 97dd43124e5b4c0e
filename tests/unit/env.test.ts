import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { describe, expect, it } from '@jest/globals'

import {
  overdueGraceDays,
  overduePolicy,
  resolveSecret,
  isKeepReadModelWarm,
  lookupThreadMode,
  renderThreadNice,
  reviewIntervalMonths,
  staleAfterDays,
  trustProxy,
} from '@/config/env'
import { DEFAULT_SQLITE_URL, chooseDatabase, mongoHost } from '@/config/database'
import { emailSettings } from '@/config/email'
import { ConfigError } from '@/config/errors'

describe('chooseDatabase', () => {
  it('uses embedded SQLite when DATABASE_URI is unset or empty', () => {
    expect(chooseDatabase({ uri: undefined })).toEqual({
      adapter: 'sqlite',
      url: DEFAULT_SQLITE_URL,
    })
    expect(chooseDatabase({ uri: '  ' })).toEqual({ adapter: 'sqlite', url: DEFAULT_SQLITE_URL })
    expect(DEFAULT_SQLITE_URL).toBe('file:./data/signoff.db')
  })

  it('selects MongoDB for mongodb:// and mongodb+srv:// URIs', () => {
    expect(chooseDatabase({ uri: 'mongodb://db.internal:27017/signoff' })).toEqual({
      adapter: 'mongodb',
      uri: 'mongodb://db.internal:27017/signoff',
      host: 'db.internal:27017',
    })
    expect(chooseDatabase({ uri: 'mongodb+srv://cluster0.example.net/signoff' }).adapter).toBe(
      'mongodb',
    )
  })

  it('keeps other URIs on SQLite, adding file: to a bare path', () => {
    expect(chooseDatabase({ uri: 'file:/tmp/x.db' })).toEqual({
      adapter: 'sqlite',
      url: 'file:/tmp/x.db',
    })
    expect(chooseDatabase({ uri: './local.db' })).toEqual({
      adapter: 'sqlite',
      url: 'file:./local.db',
    })
    expect(chooseDatabase({ uri: 'postgres://nope' }).adapter).toBe('sqlite')
  })

  it('names the MongoDB host without the credentials', () => {
    expect(
      mongoHost('mongodb://signoff:s3cret@a.example:27017,b.example:27017/db?replicaSet=rs0'),
    ).toBe('a.example:27017,b.example:27017')
  })
})

describe('resolveSecret', () => {
  it('refuses to start in production without PAYLOAD_SECRET, saying what to do', () => {
    expect(() => resolveSecret({ env: { NODE_ENV: 'production' } })).toThrow(ConfigError)
    expect(() => resolveSecret({ env: { NODE_ENV: 'production' } })).toThrow(
      /PAYLOAD_SECRET.*openssl rand/,
    )
  })

  it('refuses a short production secret', () => {
    expect(() =>
      resolveSecret({ env: { NODE_ENV: 'production', PAYLOAD_SECRET: 'short' } }),
    ).toThrow(/32 characters/)
  })

  it('generates a development secret once and keeps it under the data folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signoff-secret-'))
    const first = resolveSecret({ env: { DATA_DIR: dir } })
    const second = resolveSecret({ env: { DATA_DIR: dir } })
    expect(first).toMatch(/^[0-9a-f]{64}$/)
    expect(second).toBe(first)
    expect(fs.readFileSync(path.join(dir, '.payload-secret'), 'utf8')).toBe(first)
    fs.rmSync(dir, { recursive: true })
  })
})

describe('reviewIntervalMonths', () => {
  it('defaults to 24 and rejects nonsense', () => {
    expect(reviewIntervalMonths({})).toBe(24)
    expect(reviewIntervalMonths({ REVIEW_INTERVAL_MONTHS: '12' })).toBe(12)
    expect(() => reviewIntervalMonths({ REVIEW_INTERVAL_MONTHS: 'soon' })).toThrow(/whole number/)
  })
})

describe('lookupThreadMode', () => {
  it('is on unless told auto or false, and refuses anything else', () => {
    expect(lookupThreadMode({})).toBe('always')
    expect(lookupThreadMode({ LOOKUP_THREAD: '' })).toBe('always')
    expect(lookupThreadMode({ LOOKUP_THREAD: 'auto' })).toBe('auto')
    expect(lookupThreadMode({ LOOKUP_THREAD: 'true' })).toBe('always')
    expect(lookupThreadMode({ LOOKUP_THREAD: 'false' })).toBe('off')
    expect(() => lookupThreadMode({ LOOKUP_THREAD: 'yes' })).toThrow(
      'LOOKUP_THREAD must be auto, true or false; got "yes".',
    )
  })
})

describe('isKeepReadModelWarm', () => {
  it('keeps the read model cached unless told false, and refuses anything else', () => {
    expect(isKeepReadModelWarm({})).toBe(true)
    expect(isKeepReadModelWarm({ KEEP_READ_MODEL_WARM: '' })).toBe(true)
    expect(isKeepReadModelWarm({ KEEP_READ_MODEL_WARM: 'true' })).toBe(true)
    expect(isKeepReadModelWarm({ KEEP_READ_MODEL_WARM: 'false' })).toBe(false)
    expect(() => isKeepReadModelWarm({ KEEP_READ_MODEL_WARM: 'off' })).toThrow(
      'KEEP_READ_MODEL_WARM must be true or false; got "off".',
    )
  })
})

describe('renderThreadNice', () => {
  it('lowers the render thread by 5 unless told, from 0 (equal) to 19, and says what it takes', () => {
    expect(renderThreadNice({})).toBe(5)
    expect(renderThreadNice({ RENDER_THREAD_NICE: '0' })).toBe(0)
    expect(renderThreadNice({ RENDER_THREAD_NICE: '19' })).toBe(19)
    for (const wrong of ['20', '-1', '2.5', 'low']) {
      expect(() => renderThreadNice({ RENDER_THREAD_NICE: wrong })).toThrow(/0 to 19/)
    }
  })
})

describe('trustProxy', () => {
  it('trusts no proxy unless told, a hop count, or a list of proxy addresses', () => {
    expect(trustProxy({})).toBe(false)
    expect(trustProxy({ TRUST_PROXY: 'false' })).toBe(false)
    expect(trustProxy({ TRUST_PROXY: '1' })).toBe(1)
    expect(trustProxy({ TRUST_PROXY: '10.0.0.1, 10.0.1.0/24,loopback' })).toEqual([
      '10.0.0.1',
      '10.0.1.0/24',
      'loopback',
    ])
  })

  it('refuses `true`, which would believe any address a client writes, and says what to set', () => {
    expect(() => trustProxy({ TRUST_PROXY: 'true' })).toThrow(ConfigError)
    expect(() => trustProxy({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=1/)
    expect(() => trustProxy({ TRUST_PROXY: 'yes please' })).toThrow(/hop count/)
  })
})

describe('emailSettings', () => {
  it('writes mail to the log without SMTP_URL, and reads "Name <address>" senders', () => {
    expect(emailSettings({})).toEqual({
      smtpUrl: null,
      fromAddress: 'signoff@localhost',
      fromName: 'Signoff',
    })
    expect(
      emailSettings({
        SMTP_URL: 'smtp://u:p@mail.example.org:587',
        EMAIL_FROM: 'Clinic <no-reply@clinic.example>',
      }),
    ).toEqual({
      smtpUrl: 'smtp://u:p@mail.example.org:587',
      fromAddress: 'no-reply@clinic.example',
      fromName: 'Clinic',
    })
  })

  it('refuses a malformed SMTP_URL or sender without echoing the password', () => {
    expect(() => emailSettings({ SMTP_URL: 'mail.example.org' })).toThrow(/smtp:\/\//)
    expect(() => emailSettings({ SMTP_URL: 'http://user:secret@x' })).not.toThrow(/secret/)
    expect(() => emailSettings({ EMAIL_FROM: 'not an address' })).toThrow(ConfigError)
  })
})

describe('review governance settings', () => {
  it('OVERDUE_POLICY is flag unless set to notice or archive, and a typo stops startup', () => {
    expect(overduePolicy({})).toBe('flag')
    expect(overduePolicy({ OVERDUE_POLICY: 'archive' })).toBe('archive')
    expect(() => overduePolicy({ OVERDUE_POLICY: 'archived' })).toThrow(/flag, notice or archive/)
  })

  it('OVERDUE_GRACE_DAYS and STALE_AFTER_DAYS are whole days', () => {
    expect(overdueGraceDays({})).toBe(30)
    expect(overdueGraceDays({ OVERDUE_GRACE_DAYS: '0' })).toBe(0)
    expect(() => overdueGraceDays({ OVERDUE_GRACE_DAYS: '-1' })).toThrow(ConfigError)
    expect(staleAfterDays({})).toBe(7)
    expect(() => staleAfterDays({ STALE_AFTER_DAYS: 'a week' })).toThrow(/whole number of days/)
  })
})
