/**
 * WCAG 2.1 AA (issue 13): white text on the primary (blue) and green buttons, and the red of
 * amounts owed, have a contrast ratio of at least 4.5:1 — read from the stylesheet itself.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const css = readFileSync(path.resolve('src/app/(app)/app.css'), 'utf8')

function variable(name: string): string {
  const match = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(css)
  if (!match) throw new Error(`--${name} is not a #rrggbb colour in app.css`)
  return match[1]!
}

/** Relative luminance of an sRGB colour (WCAG 2.1). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

describe('button and amount colours meet WCAG AA (4.5:1 for normal text)', () => {
  it('the formula gives the known extremes', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
  })

  it.each([
    ['primary button: white on --brand', 'brand', '#ffffff'],
    ['green button: white on --ok', 'ok', '#ffffff'],
    ['amount owed: --danger on the page', 'danger', '#f6f7f9'],
    ['amount owed: --danger on a panel', 'danger', '#ffffff'],
    ['muted text on a panel', 'muted', '#ffffff'],
  ])('%s', (_, name, background) => {
    expect(contrast(variable(name), background)).toBeGreaterThanOrEqual(4.5)
  })

  it('the buttons use those variables with white text', () => {
    expect(css).toMatch(/\.button--primary \{[^}]*background: var\(--brand\)[^}]*color: #fff;/)
    expect(css).toMatch(/\.button--ok \{[^}]*background: var\(--ok\)[^}]*color: #fff;/)
  })
})
