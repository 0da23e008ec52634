/** Turning the text of one cell into a value: scores, semesters, roles and header names. */
import { type Method, type Role, METHOD_ALIASES } from './types.js';

/** Scores are held as integer micro-points: exact, and cheap to add up as plain numbers. */
export const MICRO = 1_000_000;
export const MAX_SCORE_DECIMALS = 6;

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0D\u3000]/g;

/** Full-width digits, point, minus and the ideographic space become their ASCII twins. */
export function toHalfWidth(s: string): string {
  return s.replace(FULL_WIDTH, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x3000) return ' ';
    return String.fromCharCode(code - 0xfee0);
  });
}

/**
 * A cell's text as a message quotes it: whole up to 60 characters, else its start and end, so
 * that a 10 MB cell gives a line of error, not 10 MB of it. How many characters the whole text had
 * is said in the message's language: `suffix` words it, or, by default, a mark that the problem
 * words replace (`unclip`) when the message is made.
 */
export function clip(text: string, suffix: (characters: number) => string = clipMark): string {
  if (text.length <= 60) return text;
  const chars = Array.from(text);
  if (chars.length <= 60) return text;
  return `${chars.slice(0, 40).join('')}…${chars.slice(-10).join('')}${suffix(chars.length)}`;
}

/** The mark `clip` leaves for the length (control characters, which no text read from a sheet holds). */
const clipMark = (characters: number) => `\u0001${characters}\u0002`;
// eslint-disable-next-line no-control-regex -- the marks are control characters on purpose
const CLIP_MARKS = /\u0001(\d+)\u0002/g;

/** A message with `clip`'s marks worded by `suffix`. */
export function unclip(message: string, suffix: (characters: number) => string): string {
  return message.indexOf('\u0001') < 0 ? message : message.replace(CLIP_MARKS, (_, n: string) => suffix(Number(n)));
}

export function microToString(micro: number): string {
  const int = Math.floor(micro / MICRO);
  const frac = String(micro % MICRO).padStart(MAX_SCORE_DECIMALS, '0').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : String(int);
}

/**
 * The key by which a staff id, a rater, a name or a post is compared with others (trimmed text in,
 * the key out): two cells with the same key are the same person, rater, name or post. Invisible
 * format characters (a zero-width space pasted with an id) are dropped, and NFKC makes full-width
 * letters and digits ASCII and NFC and NFD spellings one (SPEC "Input").
 */
export function textKey(trimmed: string): string {
  // ASCII (most ids) is its own key: no format characters, nothing NFKC changes.
  if (ASCII.test(trimmed)) return trimmed;
  return trimmed.replace(FORMAT_CHARACTERS, '').normalize('NFKC').trim();
}

const ASCII = /^\p{ASCII}*$/u;

/**
 * The words a spreadsheet's row of totals, averages or notes puts where a staff id goes (合计, 平均,
 * 备注：本表一式两份, Total): such a row is no staff member's. Compared without spaces, letter case
 * or what follows a colon.
 */
const SUMMARY_WORDS = new Set([
  ...['合计', '总计', '小计', '共计', '累计', '平均', '平均分', '平均值', '均分', '均值', '总分', '总平均', '备注', '说明', '注', '注意', '统计', '汇总'],
  ...['total', 'totals', 'sum', 'subtotal', 'average', 'avg', 'mean', 'note', 'notes', 'remark', 'remarks'],
]);

/**
 * Whether a cell (its characters, or its UTF-8 bytes) may hold a label isSummaryLabel knows, told
 * without making its text: an ASCII cell is one only with letters and spaces before any colon, so
 * an id such as S000123 is not (the check of every new id on a sheet of 200,000 people).
 */
export function maybeSummaryLabel(cell: { readonly length: number; charCodeAt(i: number): number }): boolean {
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c >= 0x80 || c === 0x3a) return true;
    const lower = c | 0x20;
    if (!(lower >= 0x61 && lower <= 0x7a) && c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

/** Whether a staff id cell (trimmed) holds a totals, averages or notes row's label instead of an id. */
export function isSummaryLabel(trimmed: string): boolean {
  const key = textKey(trimmed).split(/[:：]/u)[0]!.replace(/\s+/gu, '').toLowerCase();
  return SUMMARY_WORDS.has(key);
}

/** Unicode category Cf: zero-width spaces and joiners, the byte order mark, bidi controls. */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/**
 * A staff id of digits without its leading zeros ("7" for "007"), the form a spreadsheet leaves when
 * it reads the id as a number; null for an id that is not all digits. Two ids of one form are
 * probably one person's.
 */
export function digitsWithoutZeros(id: string): string | null {
  const c = id.charCodeAt(0);
  if (!(c >= 48 && c <= 57) || !/^\d+$/.test(id)) return null;
  return id.replace(/^0+(?=\d)/, '');
}

/**
 * `2026-H1`, `2026H1`, `2026-1`, `2026上半年`, `2026年下半年`, full-width digits too. Years 1900 to
 * 2999 only: `0000-H1` is a typing mistake, not a semester of year 0.
 */
export function parseSemester(raw: string): string | null {
  const t = toHalfWidth(raw).trim();
  const m =
    /^(\d{4})\s*-?\s*[Hh]\s*([12])$/.exec(t) ?? /^(\d{4})-([12])$/.exec(t) ?? /^(\d{4})\s*年?\s*(上|下)半年$/.exec(t);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 2999) return null;
  return `${m[1]}-H${m[2] === '上' || m[2] === '1' ? 1 : 2}`;
}

/**
 * Whether a cell that is not a semester reads like a date, as Excel turns `2026-1` or `2026/1` into
 * one (2026/1/1, 1/1/2026, Jan-26, 2026年1月, or the serial number 46023 of a cell shown as a number).
 */
export function looksLikeDate(raw: string): boolean {
  const t = toHalfWidth(raw).trim();
  if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}( .*)?$/.test(t) || /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}( .*)?$/.test(t)) return true;
  if (/^[A-Za-z]{3,9}[- ]\d{2,4}$/.test(t) || /^\d{1,2}[- ][A-Za-z]{3,9}$/.test(t)) return true;
  if (/^\d{4}年\d{1,2}月(\d{1,2}日)?$/.test(t) || /^\d{1,2}月\d{1,2}日$/.test(t)) return true;
  return /^\d{5}$/.test(t) && Number(t) >= 30000 && Number(t) <= 60000;
}

/**
 * A name looked up among a table's own keys only: a cell that says `constructor` or `__proto__`
 * must not find what every object inherits.
 */
function lookup<T>(table: Record<string, T>, raw: string): T | null {
  const key = raw.trim().toLowerCase();
  return Object.hasOwn(table, key) ? table[key]! : null;
}

const ROLE_ALIASES: Record<string, Role> = {
  leader: 'leader',
  组长: 'leader',
  'head-office': 'head-office',
  总公司办公室: 'head-office',
  总公司: 'head-office',
  'center-office': 'center-office',
  中心办公室: 'center-office',
  student: 'student',
  学生代表: 'student',
  学生: 'student',
};

export function parseRole(raw: string): Role | null {
  return lookup(ROLE_ALIASES, raw);
}


export function parseMethod(raw: string): Method | null {
  return lookup(METHOD_ALIASES, raw);
}

/** Levenshtein distance, for "did you mean" hints on misspelt names. */
export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

export { type Column, parseHeader } from './header.js';
export { parseScore } from './score-cell.js';
