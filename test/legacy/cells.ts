/*
 * PREVIOUS IMPLEMENTATION, KEPT AS A TEST ORACLE (test/legacy/). This is the old "detailed" reading
 * path of evaluate (src/core/cells.ts before the one pipeline of issue 11), frozen: the differential
 * tests (test/pipeline.property.test.ts, test/fuzz-sheets.ts) compare the pipeline's problems
 * (file, line, column, severity, message) and reports with it, so that messages stay exactly as
 * they were. Do not import it from src/, and do not "fix" it to follow src/: a change of
 * behaviour on purpose is a change of the tests' expectations, made there and said in the commit.
 */
/** Turning the text of one cell into a value: scores, semesters, roles and header names. */
import type { Method, Role } from '../../src/core/types.js';

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
 * that a 10 MB cell gives a line of error, not 10 MB of it.
 */
export function clip(text: string): string {
  if (text.length <= 60) return text;
  const chars = Array.from(text);
  if (chars.length <= 60) return text;
  return `${chars.slice(0, 40).join('')}…${chars.slice(-10).join('')} (${chars.length} characters)`;
}

export type ScoreParse = { ok: true; micro: number } | { ok: false; message: string };

const PLAIN_DECIMAL = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/;

/**
 * Parses a score cell that is not blank. The message names the problem in words a committee
 * secretary understands; the caller adds the place and the person.
 */
export function parseScore(raw: string, method: string, maxMicro: number): ScoreParse {
  const text = toHalfWidth(raw).trim();
  const m = PLAIN_DECIMAL.exec(text);
  // As the messages quote them: a long cell is clipped.
  const [said, t] = [clip(raw.trim()), clip(text)];
  if (!m) {
    if (/^[-\u2212]\s*\.?\d/.test(text)) return { ok: false, message: `score ${t} for ${method} is negative` };
    if (/^\d+[,，。]\d{1,2}$/.test(text)) {
      return {
        ok: false,
        message: `score "${said}" for ${method} is not a number (write a decimal point: ${text.replace(/[,，。]/, '.')})`,
      };
    }
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) {
      return { ok: false, message: `score "${said}" for ${method} has a thousands separator; scores for ${method} are at most ${microToString(maxMicro)}` };
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(text)) {
      return { ok: false, message: `score "${said}" for ${method} is in exponent notation; write a plain decimal number` };
    }
    return { ok: false, message: `score "${said}" for ${method} is not a number` };
  }
  const int = m[1] ?? '0';
  const frac = m[2] ?? m[3] ?? '';
  if (frac.length > MAX_SCORE_DECIMALS) {
    return { ok: false, message: `score ${t} for ${method} has more than ${MAX_SCORE_DECIMALS} decimals` };
  }
  if (int.length > 9) return { ok: false, message: `score ${t} for ${method} exceeds the maximum ${microToString(maxMicro)}` };
  const micro = Number(int) * MICRO + Number(frac.padEnd(MAX_SCORE_DECIMALS, '0'));
  if (micro > maxMicro) {
    return { ok: false, message: `score ${t} for ${method} exceeds the maximum ${microToString(maxMicro)}` };
  }
  return { ok: true, micro };
}

export function microToString(micro: number): string {
  const int = Math.floor(micro / MICRO);
  const frac = String(micro % MICRO).padStart(MAX_SCORE_DECIMALS, '0').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : String(int);
}

/**
 * Issue 12 (a change of behaviour on purpose, given to this oracle in its own code): staff ids,
 * raters, names and posts are one when their keys are: the trimmed text without its invisible
 * format characters (Unicode category Cf: zero-width spaces, the BOM, bidi controls), in NFKC
 * (full-width letters and digits ASCII, NFC and NFD one). '' when nothing visible is left.
 */
export function identityKey(text: string): string {
  let visible = '';
  for (const ch of text) if (!FORMAT.test(ch)) visible += ch;
  return visible.normalize('NFKC').trim();
}

const FORMAT = /^\p{Cf}$/u;

/** The first spelling met of each key, per kind of text: the one every message and report shows. */
export class Spellings {
  private readonly first = new Map<string, string>();

  /** The first spelling of text's key (text itself when its key is new), or '' when its key is blank. */
  of(text: string): string {
    const key = identityKey(text);
    if (key === '') return '';
    const known = this.first.get(key);
    if (known !== undefined) return known;
    this.first.set(key, text);
    return text;
  }
}

/**
 * `2026-H1`, `2026H1`, `2026-1`, `2026上半年`, `2026年下半年`, full-width digits too; of the years
 * 1900 to 2999 only, as the tool has it since 4f8035a (`7026-2` is a typing mistake).
 */
export function parseSemester(raw: string): string | null {
  const t = toHalfWidth(raw).trim();
  const known = (year: string, half: string): string | null => (Number(year) >= 1900 && Number(year) <= 2999 ? `${year}-H${half}` : null);
  let m = /^(\d{4})\s*-?\s*[Hh]\s*([12])$/.exec(t);
  if (m) return known(m[1]!, m[2]!);
  m = /^(\d{4})-([12])$/.exec(t);
  if (m) return known(m[1]!, m[2]!);
  m = /^(\d{4})\s*年?\s*(上|下)半年$/.exec(t);
  if (m) return known(m[1]!, m[2] === '上' ? '1' : '2');
  return null;
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

export type Column = 'staff_id' | 'name' | 'post' | 'semester' | 'rater' | 'role' | 'method' | 'score' | Method;

const HEADER_ALIASES: Record<string, Column> = {
  staff_id: 'staff_id',
  工号: 'staff_id',
  员工编号: 'staff_id',
  name: 'name',
  姓名: 'name',
  post: 'post',
  岗位: 'post',
  楼栋: 'post',
  semester: 'semester',
  学期: 'semester',
  rater: 'rater',
  评委: 'rater',
  考评人: 'rater',
  role: 'role',
  角色: 'role',
  评委类型: 'role',
  listen: 'listen',
  听: 'listen',
  see: 'see',
  看: 'see',
  check: 'check',
  查: 'check',
  test: 'test',
  测: 'test',
  ask: 'ask',
  问: 'ask',
  method: 'method',
  方法: 'method',
  score: 'score',
  分数: 'score',
  得分: 'score',
};

export function parseHeader(raw: string): Column | null {
  // A Chinese name spaced out to align it (姓 名) is the name.
  const words = raw.trim().split(/\s+/u);
  return lookup(HEADER_ALIASES, words.every((w) => /^\p{Script=Han}+$/u.test(w)) ? words.join('') : raw);
}

const METHOD_ALIASES: Record<string, Method> = {
  listen: 'listen',
  听: 'listen',
  see: 'see',
  看: 'see',
  check: 'check',
  查: 'check',
  test: 'test',
  测: 'test',
  ask: 'ask',
  问: 'ask',
};

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
