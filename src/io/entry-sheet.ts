/**
 * The sheet `evaluate enter` writes: one row per (semester, staff member, rater) in the columns
 * `evaluate score` reads. Opening it finds what this rater has typed already (to resume); saving a
 * person rewrites the whole file atomically with their row replaced in place or added, so Ctrl-C
 * or a crash loses at most the person being typed, and no row is ever written twice. Rows of other
 * raters or semesters, and columns enter does not know, are kept as they are.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { type Column, parseHeader, parseRole, parseScore, parseSemester, textKey } from '../core/cells.js';
import { type EntryMethod, type EntryStaff, type Values, pointsText } from '../core/entry.js';
import { METHODS, type Problems, type Role } from '../core/types.js';
import { words } from '../i18n/index.js';
import { problemWords } from '../i18n/problems.js';
import { parseCsvText } from './records.js';
import { decode } from './encoding.js';
import { type InteractiveWords, interactiveWords as interactiveWordsOf } from '../i18n/interactive.js';
import { UsageError } from '../errors.js';
import { fileProblem } from '../i18n/files.js';
import { importExternal } from './external.js';
import { writeAtomic } from './output.js';

export type SheetLang = 'en' | 'zh';

/** The columns of a scoring sheet, in the order templates and entry sheets use. */
export const SHEET_COLUMNS: readonly Column[] = ['staff_id', 'name', 'post', 'semester', 'rater', 'role', ...METHODS];

/** A column's name in a sheet of this language (the Chinese names are among those `parseHeader` reads back; a test holds them to it). */
export function headerName(col: Column, lang: SheetLang): string {
  return words(lang).sheetColumn[col];
}

/** A role as a sheet in this language writes it (both forms are read back by `parseRole`). */
export function roleCell(role: Role, lang: SheetLang): string {
  return lang === 'zh' ? words('zh').role[role] : role;
}

/**
 * One CSV record, cells quoted only where they must be. These sheets are data that `evaluate score`
 * reads back, so cells are written exactly: no formula neutralizing, whose leading ' would become
 * part of a staff id or name and no longer match the roster.
 */
export function csvRecord(cells: readonly string[]): string {
  return cells.map((c) => (/[",\r\n]|^\s|\s$/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

export function csvText(records: readonly (readonly string[])[], eol: string, bom: boolean): string {
  return (bom ? '\uFEFF' : '') + records.map(csvRecord).join(eol) + eol;
}

export interface EntryKey {
  semester: string;
  rater: string;
  role: Role;
}

export interface OpenedSheet {
  sheet: EntrySheet;
  /** This rater's scores already in the sheet, by staff id (complete or not). */
  existing: Map<string, Values>;
  /** The line of each of this rater's rows, by staff id. */
  lines: Map<string, number>;
  /** The name each of this rater's rows gives, by staff id (trimmed; empty where none). */
  names: Map<string, string>;
  /** True when the file was there with at least a header. */
  resumed: boolean;
  /** The raters the sheet holds rows of, as first written, in the order found. */
  raters: string[];
  /** Whether the rater being typed is among them. */
  raterFound: boolean;
  /** The template's placeholder rater (组长) whose blank rows the rater being typed took, if any. */
  adopted?: string;
}

/** The role a template's placeholder rater stands for (its name is the role's, in either language), or null. */
function placeholderRole(name: string): Role | null {
  for (const lang of ['en', 'zh'] as const) {
    for (const [placeholder, role] of interactiveWordsOf(lang).defaultRaters) if (sameName(placeholder) === sameName(name)) return role;
  }
  return null;
}

/** A rater's name as the sheets' reading compares raters (core/cells.ts textKey). */
function sameName(s: string): string {
  return textKey(s.trim());
}

/** A file's identity and contents' state (inode, size, time of the last write), or null when there is none. */
function stampOf(path: string): string | null {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.ino}:${st.size}:${st.mtimeNs}`;
  } catch {
    return null;
  }
}

type Encoder = (text: string) => Uint8Array;

/** GB18030 (a superset of GBK, with the same bytes for every GBK character), loaded only for a GBK sheet. */
async function gbkEncoder(): Promise<Encoder> {
  const mod = (await importExternal('iconv-lite')) as { default?: typeof import('iconv-lite') } & typeof import('iconv-lite');
  const iconv = mod.default ?? mod;
  return (text) => iconv.encode(text, 'gb18030');
}

export interface OpenOptions {
  /** The header language of a new sheet. */
  lang: SheetLang;
  bom: boolean;
  fileOrder: number;
  problems: Problems;
  /** The words of the problems found. */
  words: InteractiveWords;
}

export class EntrySheet {
  private readonly rowOf = new Map<string, number>();
  /** How the sheet writes this semester and this rater's role (2026上半年, 组长): new rows write them so too. */
  private semesterText: string;
  private roleText: string;

  private constructor(
    readonly path: string,
    private readonly header: string[],
    private readonly columns: (Column | null)[],
    private readonly rows: string[][],
    private readonly bom: boolean,
    private readonly eol: string,
    private readonly lang: SheetLang,
    private readonly key: EntryKey,
    /** The sheet's own encoding when it is not UTF-8 (a GBK sheet from Excel stays GBK). */
    private readonly encode: Encoder | null,
    private readonly words: InteractiveWords,
    /** The file as this session last read or wrote it (see stampOf): a save over anything else is refused. */
    private stamp: string | null,
  ) {
    this.semesterText = key.semester;
    this.roleText = roleCell(key.role, lang);
  }

  /**
   * Reads the sheet at `path` if it exists. Problems (an unreadable file, a missing column, a bad
   * score, a row twice) go to `problems`; the caller stops if there is any error.
   */
  static async open(path: string, key: EntryKey, methods: readonly EntryMethod[], opts: OpenOptions): Promise<OpenedSheet> {
    const w = opts.words;
    // Taken before the reading: a change made while the file is read is a change too.
    const stamp = stampOf(path);
    const fresh = (): OpenedSheet => ({
      sheet: new EntrySheet(path, SHEET_COLUMNS.map((c) => headerName(c, opts.lang)), [...SHEET_COLUMNS], [], opts.bom, '\r\n', opts.lang, key, null, w, stamp),
      existing: new Map(),
      lines: new Map(),
      names: new Map(),
      resumed: false,
      raters: [],
      raterFound: false,
    });
    if (!existsSync(path)) return fresh();
    const at = (line: number, column?: number) =>
      column === undefined ? { file: path, fileOrder: opts.fileOrder, line } : { file: path, fileOrder: opts.fileOrder, line, column };
    let buf: Buffer;
    try {
      buf = readFileSync(path);
    } catch (e) {
      throw new UsageError(w.cannotReadSheet(path, fileProblem(e, opts.lang)));
    }
    const decoded = decode(buf, null);
    if (!decoded.ok) {
      opts.problems.error(at(decoded.line), (problemWords(opts.lang)[decoded.kind] as (a: unknown) => string)(decoded.args));
      return fresh();
    }
    const { records, malformed } = parseCsvText(decoded.text);
    for (const m of malformed) opts.problems.error(at(m.line, m.column), (problemWords(opts.lang)[m.kind] as (a: unknown[]) => string)([m.arg]));
    const first = records[0];
    if (!first) return fresh();
    const hadBom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    const columns = first.cells.map((c) => parseHeader(c));
    const idCell = first.cells[columns.indexOf('staff_id')] ?? '';
    // The sheet is written back as it came: its encoding (GBK stays GBK, for the Excel that saved
    // it), its BOM or none, its line ends, and its spelling of the semester and the role.
    const sheet = new EntrySheet(
      path,
      first.cells,
      columns,
      [],
      hadBom,
      decoded.text.includes('\r\n') ? '\r\n' : '\n',
      /^[\x20-\x7e]*$/.test(idCell) ? 'en' : 'zh',
      key,
      decoded.encoding === 'gb18030' ? await gbkEncoder() : null,
      w,
      stamp,
    );
    const opened: OpenedSheet = { sheet, existing: new Map(), lines: new Map(), names: new Map(), resumed: true, raters: [], raterFound: false };
    const need: Column[] = ['staff_id', 'rater', ...methods.map((m) => m.method)];
    const lacking = need.filter((c) => !columns.includes(c));
    if (lacking.length > 0 || columns.includes('method')) {
      opts.problems.error(at(first.line), w.cannotContinue(lacking.map((c) => `${c} (${words('zh').sheetColumn[c]})`)));
      return opened;
    }
    const col = (c: Column) => columns.indexOf(c);
    const raters = new Map<string, string>();
    let semesterSeen = false;
    let roleSeen = false;
    const cellOf = (cells: string[], c: Column) => (col(c) < 0 ? '' : cells[col(c)]!.trim());
    /** A row of the rater being typed, of this semester: its scores and place. */
    const mine = (cells: string[], line: number, index: number) => {
      const cell = (c: Column) => cellOf(cells, c);
      const semText = cell('semester');
      if (semText !== '' && parseSemester(semText) !== key.semester) return;
      const staffId = cell('staff_id');
      const who = w.who([staffId, cell('name')].filter(Boolean).join(' '), key.rater);
      const prev = opened.lines.get(staffId);
      if (prev !== undefined) {
        opts.problems.error(at(line), w.secondRow(staffId, key.rater, key.semester, prev));
        return;
      }
      const roleText = cell('role');
      if (roleText !== '' && parseRole(roleText) !== key.role) {
        opts.problems.error(at(line, col('role') + 1), w.otherRole(key.rater, roleText, key.role, who));
      } else if (roleText !== '' && !roleSeen) {
        sheet.roleText = roleText;
        roleSeen = true;
      }
      const values: Values = {};
      for (const m of methods) {
        const text = cells[col(m.method)]!;
        if (text.trim() === '') continue;
        const r = parseScore(text, m.method, m.maxMicro, opts.lang);
        if (r.ok) values[m.method] = r.micro;
        else opts.problems.error(at(line, col(m.method) + 1), `${r.message} ${who}`);
      }
      opened.lines.set(staffId, line);
      opened.names.set(staffId, cell('name'));
      opened.existing.set(staffId, values);
      sheet.rowOf.set(staffId, index);
    };
    const lineOf: number[] = [];
    for (const { cells, line } of records.slice(1)) {
      if (cells.every((c) => c.trim() === '')) continue;
      if (cells.length !== columns.length) {
        opts.problems.error(at(line, Math.min(cells.length, columns.length) + 1), w.rowCells(cells.length, columns.length));
        continue;
      }
      sheet.rows.push(cells);
      lineOf.push(line);
      const semText = cellOf(cells, 'semester');
      if (!semesterSeen && semText !== '' && parseSemester(semText) === key.semester) {
        sheet.semesterText = semText;
        semesterSeen = true;
      }
      const raterText = cellOf(cells, 'rater');
      if (raterText !== '' && !raters.has(sameName(raterText))) raters.set(sameName(raterText), raterText);
      if (sameName(raterText) === sameName(key.rater)) mine(cells, line, sheet.rows.length - 1);
    }
    // A sheet `template` made without --raters names its one rater by the role (组长, student-1):
    // while not one of its scores is filled in, the first rater to type into it takes its rows (their
    // rater cells are rewritten at the first save), rather than add rows beside rows that stay empty.
    const only = raters.size === 1 ? [...raters.values()][0]! : null;
    const blank = (cells: string[]) => methods.every((m) => cells[col(m.method)]!.trim() === '');
    if (only !== null && !raters.has(sameName(key.rater)) && placeholderRole(only) === key.role && sheet.rows.every(blank)) {
      sheet.rows.forEach((cells, i) => {
        cells[col('rater')] = key.rater;
        mine(cells, lineOf[i]!, i);
      });
      opened.adopted = only;
      raters.clear();
      raters.set(sameName(key.rater), key.rater);
    }
    opened.raters = [...raters.values()];
    opened.raterFound = raters.has(sameName(key.rater));
    return opened;
  }

  /** Writes this person's row (replacing the one there, or added at the end) and the whole file, atomically. */
  save(staff: EntryStaff, values: Values): void {
    const index = this.rowOf.get(staff.staffId);
    const row = index === undefined ? this.columns.map(() => '') : [...this.rows[index]!];
    const set = (c: Column, v: string, keep?: (written: string) => boolean) => {
      const i = this.columns.indexOf(c);
      // A row's own spelling of the same thing (2026-1 for 2026-H1, 组长 for leader) is kept.
      if (i >= 0 && !(keep && row[i]!.trim() !== '' && keep(row[i]!.trim()))) row[i] = v;
    };
    set('staff_id', staff.staffId);
    set('name', staff.name);
    set('post', staff.post);
    set('semester', this.semesterText, (t) => parseSemester(t) === this.key.semester);
    set('rater', this.key.rater, (t) => sameName(t) === sameName(this.key.rater));
    set('role', this.roleText, (t) => parseRole(t) === this.key.role);
    for (const m of METHODS) {
      const v = values[m];
      if (v !== undefined) set(m, pointsText(v));
    }
    if (index === undefined) {
      this.rows.push(row);
      this.rowOf.set(staff.staffId, this.rows.length - 1);
    } else {
      this.rows[index] = row;
    }
    const text = this.text();
    // Another enter on the same sheet, or an editor, would lose its rows to this rewrite: refused.
    if (stampOf(this.path) !== this.stamp) {
      const typed = METHODS.filter((m) => values[m] !== undefined).map((m) => pointsText(values[m]!)).join(' + ');
      throw new UsageError(this.words.changedElsewhere(this.path, `${staff.staffId} ${staff.name}`.trim(), typed));
    }
    writeAtomic(this.path, this.encode ? this.encode(text) : text, { replace: true, lang: this.lang });
    this.stamp = stampOf(this.path);
  }


  text(): string {
    return csvText([this.header, ...this.rows], this.eol, this.bom);
  }
}
