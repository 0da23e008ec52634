/** Small formatting helpers shared by the renderers. */

export const FORMATS = ['table', 'csv', 'json', 'md'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * A text cell safe to open in a spreadsheet: one starting with =, +, -, @, their full-width forms
 * ＝ ＋ － ＠ (which Excel takes as formula starters in East Asian locales), tab or carriage return
 * gets a leading apostrophe, so Excel shows it as text instead of running it as a formula.
 */
export function neutralize(text: string): string {
  const c = text.charCodeAt(0);
  // = + - @ tab CR, and ＝ ＋ － ＠
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 || c === 0xff1d || c === 0xff0b || c === 0xff0d || c === 0xff20
    ? `'${text}`
    : text;
}

/** Control characters (C0, C1) and invisible format characters (zero-width spaces, bidi controls). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\p{Cf}]/u;
// eslint-disable-next-line no-control-regex -- as above
const UNPRINTABLE_ALL = /[\u0000-\u001f\u007f-\u009f\p{Cf}]/gu;

/**
 * Text from a sheet as a terminal or a Markdown viewer may show it: control characters (a terminal
 * escape, a line break inside a quoted cell) and invisible format characters (a zero-width space, a
 * bidi override that would turn the rest of the line around) become visible as \u001b, \u200b,
 * \u202e instead of acting.
 */
export function printable(text: string): string {
  return UNPRINTABLE.test(text)
    ? text.replace(UNPRINTABLE_ALL, (c) => {
        const cp = c.codePointAt(0)!;
        return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
      })
    : text;
}

/** A cell of a Markdown table: shown as text, never as markup. */
export function mdEscape(s: string): string {
  return printable(s).replace(/[|\\`*_[\]<>]/g, (ch) => `\\${ch}`);
}
