/**
 * The sheet `evaluate enter` writes: one row per (semester, staff member, rater) in the columns
 * `evaluate score` reads. Opening it finds what this rater has typed already (to resume); saving a
 * person rewrites the whole file atomically with their row replaced in place or added, so Ctrl-C
 * or a crash loses at most the person being typed, and no row is ever written twice. Rows of other
 * raters or semesters, and columns enter does not know, are kept as they are.
 */
import { existsSync, readFileSync } from 'node:fs';
import { type Column, parseHeader, parseRole, parseScore, parseSemester } from '../core/cells.js';
import { type EntryMethod, type EntryStaff, type Values, pointsText } from '../core/entry.js';
import { METHODS, type Problems, type Role } from '../core/types.js';
import { parseCsvText } from './csv.js';
import { decode } from './decode.js';
import { writeAtomic } from './output.js';

export type SheetLang = 'en' | 'zh';

/** The columns of a scoring sheet, in the order templates and entry sheets use. */
export const SHEET_COLUMNS: readonly Column[] = ['staff_id', 'name', 'post', 'semester', 'rater', 'role', ...METHODS];

// The Chinese names are among those `parseHeader` (core/cells.ts) accepts; a test holds them to it.
const ZH_HEADER: Record<Column, string> = {
  staff_id: '工号',
  name: '姓名',
  post: '岗位',
  semester: '学期',
  rater: '评委',
  role: '角色',
  listen: '听',
  see: '看',
  check: '查',
  test: '测',
  ask: '问',
  method: '方法',
  score: '分数',
};

const ZH_ROLE: Record<Role, string> = { leader: '组长', 'head-office': '总公司办公室', 'center-office': '中心办公室', student: '学生代表' };

export function headerName(col: Column, lang: SheetLang): string {
  return lang === 'zh' ? ZH_HEADER[col] : col;
}

/** A role as a sheet in this language writes it (both forms are read back by `parseRole`). */
export function roleCell(role: Role, lang: SheetLang): string {
  return lang === 'zh' ? ZH_ROLE[role] : role;
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
  /** True when the file was there with at least a header. */
  resumed: boolean;
}

export class EntrySheet {
  private readonly rowOf = new Map<string, number>();

  private constructor(
    readonly path: string,
    private readonly header: string[],
    private readonly columns: (Column | null)[],
    private readonly rows: string[][],
    private readonly bom: boolean,
    private readonly eol: string,
    private readonly lang: SheetLang,
    private readonly key: EntryKey,
  ) {}

  /**
   * Reads the sheet at `path` if it exists. Problems (an unreadable file, a missing column, a bad
   * score, a row twice) go to `problems`; the caller stops if there is any error.
   */
  static open(
    path: string,
    key: EntryKey,
    methods: readonly EntryMethod[],
    opts: { lang: SheetLang; bom: boolean; fileOrder: number; problems: Problems },
  ): OpenedSheet {
    const fresh = (): OpenedSheet => ({
      sheet: new EntrySheet(path, SHEET_COLUMNS.map((c) => headerName(c, opts.lang)), [...SHEET_COLUMNS], [], opts.bom, '\r\n', opts.lang, key),
      existing: new Map(),
      lines: new Map(),
      resumed: false,
    });
    if (!existsSync(path)) return fresh();
    const at = (line: number, column?: number) =>
      column === undefined ? { file: path, fileOrder: opts.fileOrder, line } : { file: path, fileOrder: opts.fileOrder, line, column };
    const buf = readFileSync(path);
    const decoded = decode(buf, null);
    if (!decoded.ok) {
      opts.problems.error(at(decoded.line), decoded.message);
      return fresh();
    }
    const { records, malformed } = parseCsvText(decoded.text);
    for (const m of malformed) opts.problems.error(at(m.line, m.column), m.message);
    const first = records[0];
    if (!first) return fresh();
    const hadBom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    const columns = first.cells.map((c) => parseHeader(c));
    const idCell = first.cells[columns.indexOf('staff_id')] ?? '';
    // A sheet Excel saved as GBK is rewritten as UTF-8 with a BOM, so that Excel still reads it right.
    const sheet = new EntrySheet(
      path,
      first.cells,
      columns,
      [],
      hadBom || decoded.encoding === 'gb18030',
      decoded.text.includes('\r\n') ? '\r\n' : '\n',
      /^[\x20-\x7e]*$/.test(idCell) ? 'en' : 'zh',
      key,
    );
    const opened: OpenedSheet = { sheet, existing: new Map(), lines: new Map(), resumed: true };
    const need: Column[] = ['staff_id', 'rater', ...methods.map((m) => m.method)];
    const lacking = need.filter((c) => !columns.includes(c));
    if (lacking.length > 0 || columns.includes('method')) {
      opts.problems.error(
        at(first.line),
        `this sheet cannot be continued by evaluate enter: ${
          lacking.length > 0 ? `it has no ${lacking.map((c) => `${c} (${ZH_HEADER[c]})`).join(', ')} column` : 'it holds one score a row (method, score)'
        }; give another --out`,
      );
      return opened;
    }
    const col = (c: Column) => columns.indexOf(c);
    for (const { cells, line } of records.slice(1)) {
      if (cells.every((c) => c.trim() === '')) continue;
      if (cells.length !== columns.length) {
        opts.problems.error(at(line, Math.min(cells.length, columns.length) + 1), `the row has ${cells.length} cells but the header has ${columns.length}`);
        continue;
      }
      sheet.rows.push(cells);
      const cell = (c: Column) => (col(c) < 0 ? '' : cells[col(c)]!.trim());
      if (cell('rater') !== key.rater) continue;
      const semText = cell('semester');
      if (semText !== '' && parseSemester(semText) !== key.semester) continue;
      const staffId = cell('staff_id');
      const who = `(${[staffId, cell('name')].filter(Boolean).join(' ')}, rater ${key.rater})`;
      const prev = opened.lines.get(staffId);
      if (prev !== undefined) {
        opts.problems.error(at(line), `${staffId} has a second row for rater ${key.rater} in ${key.semester} (the first is line ${prev}); delete one of them`);
        continue;
      }
      const roleText = cell('role');
      if (roleText !== '' && parseRole(roleText) !== key.role) {
        opts.problems.error(at(line, col('role') + 1), `rater ${key.rater} is "${roleText}" here, but --role is ${key.role} ${who}`);
      }
      const values: Values = {};
      for (const m of methods) {
        const text = cells[col(m.method)]!;
        if (text.trim() === '') continue;
        const r = parseScore(text, m.method, m.maxMicro);
        if (r.ok) values[m.method] = r.micro;
        else opts.problems.error(at(line, col(m.method) + 1), `${r.message} ${who}`);
      }
      opened.lines.set(staffId, line);
      opened.existing.set(staffId, values);
      sheet.rowOf.set(staffId, sheet.rows.length - 1);
    }
    return opened;
  }

  /** Writes this person's row (replacing the one there, or added at the end) and the whole file, atomically. */
  save(staff: EntryStaff, values: Values): void {
    const index = this.rowOf.get(staff.staffId);
    const row = index === undefined ? this.columns.map(() => '') : [...this.rows[index]!];
    const set = (c: Column, v: string) => {
      const i = this.columns.indexOf(c);
      if (i >= 0) row[i] = v;
    };
    set('staff_id', staff.staffId);
    set('name', staff.name);
    set('post', staff.post);
    set('semester', this.key.semester);
    set('rater', this.key.rater);
    set('role', roleCell(this.key.role, this.lang));
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
    writeAtomic(this.path, this.text(), { replace: true, lang: this.lang });
  }

  text(): string {
    return csvText([this.header, ...this.rows], this.eol, this.bom);
  }
}
