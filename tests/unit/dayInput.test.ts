import { describe, expect, it } from 'vitest'

import { dayPattern, formatDayInput, parseDayInput } from '@/domain/dayInput'

describe('dates typed the store’s way, not the browser’s (issue 13)', () => {
  it('en-IN reads and writes dd/mm/yyyy', () => {
    expect(dayPattern('en-IN').placeholder).toBe('dd/mm/yyyy')
    expect(formatDayInput('2026-11-23', 'en-IN')).toBe('23/11/2026')
    expect(parseDayInput('23/11/2026', 'en-IN')).toBe('2026-11-23')
    expect(parseDayInput('2-12-26', 'en-IN')).toBe('2026-12-02')
  })

  it('en-US reads mm/dd/yyyy; de-DE dd.mm.yyyy', () => {
    expect(dayPattern('en-US').placeholder).toBe('mm/dd/yyyy')
    expect(parseDayInput('11/23/2026', 'en-US')).toBe('2026-11-23')
    expect(formatDayInput('2026-11-23', 'de-DE')).toBe('23.11.2026')
    expect(parseDayInput('23.11.2026', 'de-DE')).toBe('2026-11-23')
  })

  it('the same text means another day in another locale, or none', () => {
    expect(parseDayInput('03/04/2026', 'en-IN')).toBe('2026-04-03')
    expect(parseDayInput('03/04/2026', 'en-US')).toBe('2026-03-04')
    expect(parseDayInput('11/23/2026', 'en-IN')).toBeNull()
  })

  it('refuses what is not a calendar day; accepts an ISO day', () => {
    expect(parseDayInput('29/02/2027', 'en-IN')).toBeNull()
    expect(parseDayInput('29/02/2028', 'en-IN')).toBe('2028-02-29')
    expect(parseDayInput('yesterday', 'en-IN')).toBeNull()
    expect(parseDayInput('1/2', 'en-IN')).toBeNull()
    expect(parseDayInput('2026-11-23', 'en-US')).toBe('2026-11-23')
    expect(formatDayInput('2026-02-30', 'en-IN')).toBe('')
  })
})
