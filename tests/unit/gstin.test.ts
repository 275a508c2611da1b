import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { foreignTaxNumberProblem, GST_STATES, gstinCheckCharacter, gstinProblem, isGstin, normalizeGstin, placeOfSupplyName, stateOfGstin } from '@/domain/gstin'

describe('GSTIN: format and check character (Luhn mod 36)', () => {
  it('accepts published GSTINs', () => {
    for (const gstin of ['27AAPFU0939F1ZV', '29AAGCB7383J1Z4', '33AAACH7409R1Z8', '24AAACC1206D1ZM', '27AAACR5055K1Z7']) {
      expect(gstinProblem(gstin), gstin).toBeNull()
    }
  })

  it('the check character worked out: 27AAPFU0939F1Z → V', () => {
    // values 2,7,10,10,25,15,30,0,9,3,9,15,1,35 × 1,2,1,2… → 2,14,10,20,25,30,30,0,9,6,9,30,1,70;
    // 70 folds to 1 + 34 = 35; the sum is 221 = 6 × 36 + 5, so the check is 36 − 5 = 31 → V.
    expect(gstinCheckCharacter('27AAPFU0939F1Z')).toBe('V')
  })

  it('names what is wrong: length, shape, state, check character', () => {
    expect(gstinProblem('27AAPFU0939F1Z')).toMatch(/must be 15 characters/)
    expect(gstinProblem('27AAPFU0939F1XV')).toMatch(/must be a GSTIN/)
    expect(gstinProblem('99AAPFU0939F1ZV')).toMatch(/not a GST state code/)
    expect(gstinProblem('27AAPFU0939F1ZW')).toMatch(/wrong check character \(W; .* ends in V\)/)
  })

  it('a typed GSTIN is normalized: spaces out, upper case', () => {
    expect(normalizeGstin(' 27aapfu0939f1zv ')).toBe('27AAPFU0939F1ZV')
    expect(normalizeGstin('27 AAPFU 0939F 1ZV')).toBe('27AAPFU0939F1ZV')
  })

  it('property: every single-character typo in a valid GSTIN is caught', () => {
    const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
    const valid = fc
      .tuple(fc.constantFrom(...Object.keys(GST_STATES)), fc.stringMatching(/^[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]$/))
      .map(([state, middle]) => `${state}${middle}Z`)
      .map((first14) => first14 + gstinCheckCharacter(first14))
    fc.assert(
      fc.property(valid, fc.integer({ min: 0, max: 14 }), fc.integer({ min: 1, max: 35 }), (gstin, position, shift) => {
        expect(isGstin(gstin)).toBe(true)
        const changed = ALPHABET[(ALPHABET.indexOf(gstin[position]!) + shift) % 36]!
        const typo = gstin.slice(0, position) + changed + gstin.slice(position + 1)
        expect(isGstin(typo)).toBe(false)
      }),
      { numRuns: 500 },
    )
  })

  it('the state of a GSTIN, and places of supply as GSTR-1 writes them', () => {
    expect(stateOfGstin('29AAGCB7383J1Z4')).toBe('29')
    expect(placeOfSupplyName('29')).toBe('29-Karnataka')
    expect(placeOfSupplyName('27')).toBe('27-Maharashtra')
    expect(placeOfSupplyName(null)).toBe('')
  })
})

describe('tax numbers outside India', () => {
  it('letters and digits, 4–20, with the usual separators', () => {
    expect(foreignTaxNumberProblem('GB123456789')).toBeNull()
    expect(foreignTaxNumberProblem('DE 123/456/78901')).toBeNull()
    expect(foreignTaxNumberProblem('X')).toMatch(/4–20/)
    expect(foreignTaxNumberProblem('<script>')).toMatch(/4–20/)
  })
})
