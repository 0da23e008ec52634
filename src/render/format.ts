/** Small formatting helpers shared by the renderers. */
import type { Rational } from '../core/rational.js';

export const FORMATS = ['table', 'csv', 'json', 'md'] as const;
export type Format = (typeof FORMATS)[number];

/** Method values are shown rounded to 2 decimals, without trailing zeros (18.5, 19, 17.67). */
export function methodNumber(v: Rational): number {
  return v.toNumber(2);
}

/**
 * A text cell safe to open in a spreadsheet: one starting with =, +, -, @, tab or carriage return
 * gets a leading apostrophe, so Excel shows it as text instead of running it as a formula.
 */
export function neutralize(text: string): string {
  const c = text.charCodeAt(0);
  // = + - @ tab CR
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${text}` : text;
}
