/**
 * A sheet's header row: which column means what (English or Chinese names, trimmed, any case),
 * and everything wrong with it: unknown or unnamed columns (warnings, with a "did you mean"),
 * a column named twice, no staff_id, no score columns, both forms at once, Excel's `sep=` line,
 * a sheet separated by another character than the one in use.
 */
import { clip, editDistance } from './cells.js';
import type { FileRef, ProblemLog } from './problems.js';
import { type Method, METHOD_ALIASES, METHODS } from './types.js';
import { words } from '../i18n/index.js';

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
  ...METHOD_ALIASES,
  method: 'method',
  方法: 'method',
  score: 'score',
  分数: 'score',
  得分: 'score',
};

/** Spaces between two Chinese characters: a form spaces out a short name to align it (姓 名, 岗 位, with a space or an ideographic one). */
const SPACED_OUT = /(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu;

/** A header cell's meaning (姓 名 is 姓名); a cell that says `constructor` or `__proto__` finds nothing. */
export function parseHeader(raw: string): Column | null {
  const key = raw.trim().replace(SPACED_OUT, '').toLowerCase();
  return Object.hasOwn(HEADER_ALIASES, key) ? HEADER_ALIASES[key]! : null;
}

/** Where each column is, by meaning (-1: absent), once the header is read. */
export interface SheetColumns {
  width: number;
  staff: number;
  name: number;
  post: number;
  semester: number;
  rater: number;
  role: number;
  method: number;
  score: number;
  /** Per method (METHODS order), its column in a wide sheet, or -1. */
  methodColumn: number[];
  /** The header's meanings, per column (null: ignored). */
  meanings: (Column | null)[];
  /** The header's line. */
  line: number;
}

/** What became of a header row: the columns when the sheet can be read, else null. */
export interface HeaderOutcome {
  columns: SheetColumns | null;
  /** Rows under a header that cannot be read are counted as rejected, not checked. */
  readable: boolean;
  /** The header names no score column (nor method and score): the row below may (a header of two rows). */
  noScoreColumns?: boolean;
  /**
   * The header is a roster's (isRoster), and its error not yet said: the row below tells a roster
   * given as a sheet ('roster-as-sheet') from a header of two rows whose first names only the staff
   * columns ('no-score-columns'), and the sheet's reader says which (SheetParser).
   */
  rosterLike?: boolean;
}

/**
 * The cells of a row that name a score column (a method, or method and score), as written and
 * clipped: under a header without them, the second row of a header of two rows (考评方式 above 听 看 …).
 */
export function scoreColumnNames(cells: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of cells) {
    const col = parseHeader(c);
    if (col !== null && (col === 'method' || col === 'score' || (METHODS as readonly string[]).includes(col))) out.push(clip(c.trim()));
  }
  return out;
}

/** Title rows skipped above a header at most (a title and a subtitle or two). */
export const MAX_TITLE_ROWS = 3;

/**
 * Reads the first non-blank record. `sep=;` (Excel's separator line) is either skipped (it names the
 * separator in use: a warning; the header comes next, null returned with `skip`) or an error.
 */
export function readHeader(
  cells: readonly string[],
  line: number,
  file: FileRef,
  delimiter: string,
  log: ProblemLog,
  /** The title rows skipped above so far (this call counts another): how many, and the first's line. */
  titles: { count: number; first: number } = { count: 0, first: 0 },
): HeaderOutcome | 'skip' {
  // `sep=;` is one cell, or two when it names the delimiter itself (`sep=,` read with ",").
  const joined = cells.length <= 2 ? cells.join(delimiter).trim() : '';
  if (/^sep=.?$/i.test(joined)) {
    const text = joined;
    const sep = text.slice(4);
    if (sep === delimiter) {
      log.warning(file, line, 1, 'separator-skipped', text);
      return 'skip';
    }
    log.error(file, line, 1, 'separator-line', text, sep);
    return { columns: null, readable: false };
  }
  const other = cells.length === 1 ? otherSeparator(cells[0]!) : null;
  if (other === '，' || other === '；') {
    // Full-width separators typed in a Chinese input method: no --delimiter takes them (bytes).
    log.error(file, line, 1, 'fullwidth-separator', other);
    return { columns: null, readable: false };
  }
  if (other) {
    log.error(file, line, 1, 'single-cell-header', other, delimiter);
    return { columns: null, readable: false };
  }
  const filled = cells.filter((c) => c.trim() !== '');
  if (filled.length === 1 && parseHeader(filled[0]!) === null) {
    // One text and nothing else, not a column's name: the title Excel users put above the header
    // ("2026年上半年考核评分表", often a merged cell). A few of them; more are a file that is no
    // sheet (a text file, /etc/passwd): one error, not a warning a line.
    if (titles.count >= MAX_TITLE_ROWS) {
      log.error(file, line, undefined, 'titles-only', titles.first, line);
      return { columns: null, readable: false };
    }
    if (titles.count++ === 0) titles.first = line;
    log.warning(file, line, cells.findIndex((c) => c.trim() !== '') + 1, 'title-row', clip(filled[0]!.trim()));
    return 'skip';
  }
  if (isScoreReport(cells)) {
    log.error(file, line, undefined, 'report-as-sheet');
    return { columns: null, readable: false };
  }
  const meanings = cells.map((c) => parseHeader(c));
  const seen = new Map<Column, number>();
  let ok = true;
  cells.forEach((raw, i) => {
    const col = meanings[i]!;
    if (col === null) {
      if (raw.trim() === '') {
        // A run of columns without a name (Excel leaves some after the last one) is one warning, at its first.
        if (i > 0 && meanings[i - 1] === null && cells[i - 1]!.trim() === '') return;
        let last = i;
        while (last + 1 < cells.length && meanings[last + 1] === null && cells[last + 1]!.trim() === '') last++;
        log.warning(file, line, i + 1, 'unnamed-column', i + 1, last + 1);
      }
      else log.warning(file, line, i + 1, 'unknown-column', clip(raw.trim()), guessHeader(raw) ?? '');
      return;
    }
    const prev = seen.get(col);
    if (prev !== undefined) {
      log.error(file, line, i + 1, 'repeated-column', clip(raw.trim()), prev + 1, clip(cells[prev]!.trim()), col);
      ok = false;
      return;
    }
    seen.set(col, i);
  });
  const at = (c: Column) => seen.get(c) ?? -1;
  const methodColumn = METHODS.map((m) => at(m));
  const methods = methodColumn.filter((i) => i >= 0).length;
  const long = seen.has('method') || seen.has('score');
  let noScoreColumns = false;
  let rosterLike = false;
  if (!seen.has('staff_id')) {
    log.error(file, line, undefined, 'no-staff-column');
    ok = false;
  }
  if (long && !(seen.has('method') && seen.has('score'))) {
    log.error(file, line, undefined, 'incomplete-long-form');
    ok = false;
  } else if (long && methods > 0) {
    log.error(file, line, undefined, 'mixed-forms');
    ok = false;
  } else if (!long && methods === 0) {
    rosterLike = isRoster(cells, meanings);
    if (!rosterLike) log.error(file, line, undefined, 'no-score-columns');
    ok = false;
    noScoreColumns = true;
  }
  const columns: SheetColumns = {
    width: cells.length,
    staff: at('staff_id'),
    name: at('name'),
    post: at('post'),
    semester: at('semester'),
    rater: at('rater'),
    role: at('role'),
    method: at('method'),
    score: at('score'),
    methodColumn,
    meanings,
    line,
  };
  return { columns: ok ? columns : null, readable: ok, noScoreColumns, rosterLike };
}

/**
 * The header of `evaluate score`'s own CSV (its rank, total and grade columns, in either language):
 * a report kept beside the sheets, which would otherwise be read as one more consensus sheet (it has
 * staff ids and the five methods, and no rater).
 */
function isScoreReport(cells: readonly string[]): boolean {
  const names = new Set(cells.map((c) => c.trim().toLowerCase()));
  return (['en', 'zh'] as const).some((lang) => {
    const c = words(lang).col;
    return names.has(c.rank) && names.has(c.total) && names.has(c.grade);
  });
}

/**
 * A roster's header (`--roster`: staff_id, name, post): a staff id and a name or post, and no other
 * named column (columns without a name aside: Excel leaves some after the last). Kept in the sheets'
 * folder, it is said to be a roster, not a sheet without score columns, unless the row below names
 * score columns (HeaderOutcome.rosterLike).
 */
function isRoster(cells: readonly string[], meanings: readonly (Column | null)[]): boolean {
  const named = meanings.filter((m, i) => m !== null || cells[i]!.trim() !== '');
  const roster = new Set<Column | null>(['staff_id', 'name', 'post']);
  return named.includes('staff_id') && (named.includes('name') || named.includes('post')) && named.every((m) => roster.has(m));
}

/** A row that repeats the header (two sheets joined into one file): the same meanings, some named. */
export function repeatsHeader(cells: readonly string[], columns: SheetColumns): boolean {
  const m = columns.meanings;
  if (cells.length !== m.length) return false;
  if (!cells.every((c, i) => m[i] === null || parseHeader(c) === m[i])) return false;
  return cells.some((c, i) => m[i] !== null && c.trim() !== '');
}

/**
 * A near miss of a known header (one letter off), so that `lisen` is not silently ignored; also a
 * known name with a note after it in brackets, as in `听(20分)`.
 */
function guessHeader(raw: string): string | null {
  const t = raw.trim().toLowerCase();
  const names = ['staff_id', 'name', 'post', 'semester', 'rater', 'role', 'method', 'score', ...METHODS];
  // The distance is at least the difference in length: a long cell is not compared letter by letter.
  for (const n of names) if (Math.abs(t.length - n.length) <= 2 && editDistance(t, n) <= (n.length > 5 ? 2 : 1)) return n;
  const bare = /^(.+?)\s*[(（[【].*$/.exec(t)?.[1];
  if (bare && parseHeader(bare)) return bare;
  return null;
}

/** The separator a one-cell header seems to be written with (`;`, a tab, `|` or `,`), or null. */
function otherSeparator(cell: string): string | null {
  for (const sep of [';', '\t', '|', ',', '，', '；']) {
    const parts = cell.split(sep);
    if (parts.length > 1 && parts.filter((p) => parseHeader(p) !== null).length >= 2) return sep;
  }
  return null;
}
