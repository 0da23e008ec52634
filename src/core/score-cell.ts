/**
 * The one score parser: a cell's text to integer micro-points (exact: 18.5 is 18,500,000), or the
 * reason it is not a score, in words a committee secretary understands. Plain decimal numbers are
 * read straight from the characters (the common case, without making strings); anything else
 * (full-width digits, blanks around, a decimal comma, a minus, text) goes the long way.
 */
import { MAX_SCORE_DECIMALS, MICRO, clip, microToString, toHalfWidth } from './cells.js';
import type { ProblemArgs } from './problems.js';
import type { Lang } from '../i18n/index.js';
import { problemWords } from '../i18n/problems.js';

/** What a score cell is read from: a string, or a view of a cell's bytes that reads like one. */
export interface CellChars {
  readonly length: number;
  charCodeAt(i: number): number;
  toString(): string;
}

/** scoreOf: the cell is blank (no score). */
export const SCORE_EMPTY = -1;
/** scoreOf: the cell is not an accepted score; scoreProblem says why. */
export const SCORE_BAD = -2;

/**
 * A score cell as micro-points, SCORE_EMPTY when blank (full-width blanks too) or SCORE_BAD. Plain
 * ASCII `\d+(\.\d{1,6})?` (or `.5`) is read here; the rest by readScore.
 */
export function scoreOf(cell: CellChars, maxMicro: number): number {
  const n = cell.length;
  if (n === 0) return SCORE_EMPTY;
  let i = 0;
  let int = 0;
  let digits = 0;
  let c = cell.charCodeAt(0);
  while (c >= 48 && c <= 57) {
    // Leading zeros do not count towards the digits that would make a number too big.
    if (digits > 0 || c !== 48) digits++;
    int = int * 10 + (c - 48);
    if (++i === n) break;
    c = cell.charCodeAt(i);
  }
  if (i === n) {
    if (digits <= 9) return int * MICRO <= maxMicro ? int * MICRO : SCORE_BAD;
    return SCORE_BAD;
  }
  if (c === 46 && digits <= 9) {
    const intEnd = i;
    let frac = 0;
    let scale = MICRO / 10;
    let places = 0;
    i++;
    while (i < n) {
      c = cell.charCodeAt(i);
      if (c < 48 || c > 57) break;
      if (++places > MAX_SCORE_DECIMALS) break;
      frac += (c - 48) * scale;
      scale /= 10;
      i++;
    }
    // `5.` and `.5` are scores; `.` alone is not.
    if (i === n && (intEnd > 0 || places > 0)) {
      const micro = int * MICRO + frac;
      return micro <= maxMicro ? micro : SCORE_BAD;
    }
  }
  const r = readScore(cell.toString(), '', maxMicro);
  return r.ok ? r.micro : r.blank ? SCORE_EMPTY : SCORE_BAD;
}

export type ScoreReading =
  | { ok: true; micro: number; blank?: false }
  | { ok: false; blank: true }
  | { ok: false; blank?: false; problem: ScoreProblem };

/** A score problem's kind and its arguments but the person and the rater, which the caller adds. */
export type ScoreProblem = {
  [K in ScoreKind]: { kind: K; args: ProblemArgs[K] extends [...infer A, string, string] ? A : never };
}[ScoreKind];
type ScoreKind = 'score-negative' | 'score-decimal-comma' | 'score-thousands' | 'score-exponent' | 'score-unit' | 'score-not-number' | 'score-decimals' | 'score-over-max';

const PLAIN_DECIMAL = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/;
/** A plain number and a unit of points after it: 分, pt, pts, point, points (any case). */
const SCORE_UNIT = /^(\d+(?:\.\d+)?|\.\d+)\s*(?:分|pts?|points?)$/i;

/** Any score cell, the long way: the value, blank, or the problem in words. */
export function readScore(raw: string, method: string, maxMicro: number): ScoreReading {
  const text = toHalfWidth(raw).trim();
  if (text === '') return { ok: false, blank: true };
  const m = PLAIN_DECIMAL.exec(text);
  // As the messages quote them: a long cell is clipped.
  const [said, t] = [clip(raw.trim()), clip(text)];
  const bad = (problem: ScoreProblem): ScoreReading => ({ ok: false, problem });
  if (!m) {
    if (/^[-\u2212]\s*\.?\d/.test(text)) return bad({ kind: 'score-negative', args: [t, method] });
    // 18,5, or 18，5 and 18。5 typed with a Chinese input method: a decimal point is meant.
    if (/^\d+[,，。]\d{1,2}$/.test(text)) return bad({ kind: 'score-decimal-comma', args: [said, method, text.replace(/[,，。]/, '.')] });
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return bad({ kind: 'score-thousands', args: [said, method, microToString(maxMicro)] });
    if (/^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(text)) return bad({ kind: 'score-exponent', args: [said, method] });
    // 18分 or 18 points: a score written with its unit, as on paper.
    const unit = SCORE_UNIT.exec(text);
    if (unit) return bad({ kind: 'score-unit', args: [said, method, clip(unit[1]!)] });
    return bad({ kind: 'score-not-number', args: [said, method] });
  }
  const int = (m[1] ?? '0').replace(/^0+(?=\d)/, '');
  const frac = m[2] ?? m[3] ?? '';
  if (frac.length > MAX_SCORE_DECIMALS) return bad({ kind: 'score-decimals', args: [t, method, MAX_SCORE_DECIMALS] });
  const over = bad({ kind: 'score-over-max', args: [t, method, microToString(maxMicro)] });
  if (int.length > 9) return over;
  const micro = Number(int) * MICRO + Number(frac.padEnd(MAX_SCORE_DECIMALS, '0'));
  return micro > maxMicro ? over : { ok: true, micro };
}

export type ScoreParse = { ok: true; micro: number } | { ok: false; message: string };

/** A score cell that is not blank, with the problem in words, for the sheet `enter` fills. */
export function parseScore(raw: string, method: string, maxMicro: number, lang: Lang = 'en'): ScoreParse {
  const r = readScore(raw, method, maxMicro);
  if (r.ok) return r;
  if (r.blank) return { ok: false, message: `score for ${method} is blank` };
  const words = problemWords(lang)[r.problem.kind] as (a: unknown[]) => string;
  // No person and rater: the message ends at the problem.
  return { ok: false, message: words(r.problem.args).trimEnd() };
}
