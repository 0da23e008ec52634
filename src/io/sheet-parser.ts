/**
 * One sheet's records, as the CSV reader hands them on, to checked rows: the header first (blank rows
 * and Excel's `sep=` line above it), then each row through the row checks (core/row-checks.ts), read
 * straight from the bytes: a cell is decoded only when a check reads it, and a text met before in
 * the same column (a rater, a role, a semester, a person's name on each of their rows) is recognised
 * by its bytes. Good rows go to the sink (the tally, or a batch for another thread).
 */
import { Buffer } from 'node:buffer';
import { type SheetColumns, parseHeader, readHeader, repeatsHeader, scoreColumnNames } from '../core/header.js';
import type { Policy } from '../core/policy.js';
import type { CellCountHint, FileRef, ProblemLog } from '../core/problems.js';
import { type BlankCells, type Disagreeing, RowChecker, type RowFields } from '../core/row-checks.js';
import { type CellChars, SCORE_EMPTY } from '../core/score-cell.js';
import { CheckedRow, RATER, type TextKind } from '../core/tally.js';
import { CONSENSUS_RATER, METHODS, type RowCounts } from '../core/types.js';
import { MAX_CELL_LENGTH, MAX_COLUMNS, type MalformedKind, type RecordSink, type RecordView } from './records.js';
import { RefusedRows, type RefusedRowsData } from './refused-rows.js';
import { hashBytes, type Texts } from './texts.js';

export type { RowCounts };

/** Where good rows go. */
export interface RowSink {
  row(r: CheckedRow): void;
}

export interface SheetOptions {
  policy: Policy;
  delimiter: string;
  semester: string | null;
  semesterFillsOnly: boolean;
  /** Only rows of this year go to the tally; the others are counted in `ignored`. */
  keepYear: number | null;
  /** Each row whose semester disagrees with --semester is its own problem. */
  verbose?: boolean;
}

/** Rows left out by keepSemester, per semester: the first line and how many. */
export interface IgnoredRows {
  semester: string;
  line: number;
  rows: number;
}

/** Whether a semester (2026-H1) is of the year kept. */
const ofYear = (semester: string, year: number): boolean => semester.slice(0, 4) === String(year);

/** A cache entry's text not made yet (an ASCII staff id: made only if a message needs it). */
const LATER = '\u0000later';

/** A column cache's number for a blank cell (-1: a text not numbered yet). */
const BLANK = -2;

/** How many texts a column cache remembers, and how many lookups it counts before judging whether it helps. */
const CACHE_SIZE = 4096;
const WINDOW = 4096;
/** How many recent texts a column cache keeps at hand (a power of two: see recentSlot). */
const RECENT = 256;

/** The ASCII characters trim() removes: tab, line feed, vertical tab, form feed, carriage return, space. */
const isBlank = (c: number) => c === 32 || (c >= 9 && c <= 13);

/** A text a column cache keeps: its bytes (an own copy), read four at a time through `words`. */
interface CachedText {
  bytes: Uint8Array;
  words: DataView;
  text: string;
  id: number;
}

/**
 * Texts met in one column, by their bytes: the last one, recent ones by a few of their bytes, and a
 * table of the first few thousand (a column of mostly new values, such as staff ids, stops being
 * remembered after that).
 */
class ColumnCache {
  /** The last text's bytes (read through their words): an entry's own copy, or `own` (a text not kept in the table). */
  private lastWords: DataView = new DataView(new ArrayBuffer(64));
  private own = new Uint8Array(64);
  private ownWords = new DataView(this.own.buffer);
  private lastLen = -1;
  private lastText = '';
  private lastId = -1;
  private readonly byHash = new Map<number, CachedText[]>();
  private size = 0;
  private readonly recent: (CachedText | undefined)[] = new Array(RECENT);
  /** After find(): the text and number found. */
  text = '';
  id = -1;
  // Lookups past the last value and how many found something, in the current window; a full cache
  // that finds little (staff ids in shuffled rows) stops being asked: the texts' table answers alone.
  private lookups = 0;
  private hits = 0;
  private bypass = false;

  /** Whether the cell buf[s, e) is a text met before (then `text` and `id`); `words` reads buf four bytes at a time. */
  find(buf: Uint8Array, words: DataView, s: number, e: number): boolean {
    const n = e - s;
    if (this.lastLen === n && same(this.lastWords, words, s, n)) {
      this.text = this.lastText;
      this.id = this.lastId;
      return true;
    }
    if (n === 0 || this.bypass) return false;
    if (++this.lookups === WINDOW) {
      if (this.size >= CACHE_SIZE && this.hits * 4 < WINDOW) this.bypass = true;
      this.lookups = 0;
      this.hits = 0;
    }
    const slot = recentSlot(buf, s, e);
    const near = this.recent[slot];
    if (near !== undefined && near.bytes.length === n && same(near.words, words, s, n)) return this.found(near);
    if (this.size === 0) return false;
    const list = this.byHash.get(hashBytes(buf, s, e));
    if (list) {
      for (const entry of list) {
        if (entry.bytes.length === n && same(entry.words, words, s, n)) {
          this.recent[slot] = entry;
          return this.found(entry);
        }
      }
    }
    return false;
  }

  private found(entry: CachedText): boolean {
    this.hits++;
    // The entry's bytes are its own copy and never change: the last text is that entry, nothing copied.
    this.lastWords = entry.words;
    this.lastLen = entry.bytes.length;
    this.lastText = entry.text;
    this.lastId = entry.id;
    this.text = entry.text;
    this.id = entry.id;
    return true;
  }

  private remember(buf: Uint8Array, s: number, e: number, text: string, id: number): void {
    const n = e - s;
    if (n > this.own.length) {
      this.own = new Uint8Array(Math.max(n, this.own.length * 2));
      this.ownWords = new DataView(this.own.buffer);
    }
    for (let j = 0; j < n; j++) this.own[j] = buf[s + j]!;
    this.lastWords = this.ownWords;
    this.lastLen = n;
    this.lastText = text;
    this.lastId = id;
  }

  put(buf: Uint8Array, s: number, e: number, text: string, id: number): void {
    this.remember(buf, s, e, text, id);
    if (this.size >= CACHE_SIZE || e - s > 256) return;
    this.size++;
    const bytes = Uint8Array.prototype.slice.call(buf, s, e);
    const entry: CachedText = { bytes, words: new DataView(bytes.buffer), text, id };
    const h = hashBytes(buf, s, e);
    const list = this.byHash.get(h);
    if (list) list.push(entry);
    else this.byHash.set(h, [entry]);
    if (e > s) this.recent[recentSlot(buf, s, e)] = entry;
  }
}

/**
 * A column cache's slot of recent texts for the non-empty cell buf[s, e): by its length, its first two
 * bytes and its last. The second byte tells apart the posts of one building range ("12号楼", "13号楼")
 * and the Chinese names of one first character's lead byte, which by length and end bytes alone took
 * each other's slot and went to the hash table in turn.
 */
function recentSlot(buf: Uint8Array, s: number, e: number): number {
  const n = e - s;
  return (n * 7 + buf[s]! * 3 + (n > 1 ? buf[s + 1]! * 11 : 0) + buf[e - 1]!) & (RECENT - 1);
}

/**
 * Whether the n bytes at the start of `a` are those at s in `b`: four at a time (the last four read
 * where they end, over bytes already compared), where a byte loop took 75 ms of a 1M sheet's reading
 * on one thread (five or six cells a row, each compared with the column's last text).
 */
function same(a: DataView, b: DataView, s: number, n: number): boolean {
  if (n < 4) {
    for (let j = 0; j < n; j++) if (a.getUint8(j) !== b.getUint8(s + j)) return false;
    return true;
  }
  const last = n - 4;
  for (let j = 0; j < last; j += 4) if (a.getInt32(j, true) !== b.getInt32(s + j, true)) return false;
  return a.getInt32(last, true) === b.getInt32(s + last, true);
}

/** A cell's bytes as the score parser reads them (a string's length and char codes, for ASCII). */
class ByteChars implements CellChars {
  buf: Uint8Array = new Uint8Array(0);
  s = 0;
  e = 0;
  constructor(private readonly fields: ByteFields) {}
  get length(): number {
    return this.e - this.s;
  }
  charCodeAt(i: number): number {
    return this.buf[this.s + i]!;
  }
  toString(): string {
    return this.fields.decode(this.s, this.e);
  }
}

/** The cells of one record, read from its bytes (RowFields for the row checks). */
class ByteFields implements RowFields {
  view!: RecordView;
  private buffer: Buffer = Buffer.alloc(0);
  /** The current chunk read four bytes at a time (ColumnCache.find). */
  private words: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  /** The array of the records `buffer` views. */
  private seen: Uint8Array | null = null;
  private readonly cell = new ByteChars(this);
  private caches: ColumnCache[] = [];
  /** Per column: the kind of text it holds, for its cache. */
  constructor(
    private readonly texts: Texts,
    width: number,
  ) {
    this.caches = Array.from({ length: width }, () => new ColumnCache());
  }

  get count(): number {
    return this.view.count;
  }

  at(view: RecordView): void {
    this.view = view;
    // Every record of a chunk comes in the same array: compared first, as one object (its buffer,
    // offset and length are read only for a new chunk; reading them for every row cost 40 ms a 1M sheet).
    const buf = view.buf;
    if (buf === this.seen) return;
    this.seen = buf;
    if (this.buffer.buffer !== buf.buffer || this.buffer.byteOffset !== buf.byteOffset || this.buffer.length !== buf.length) {
      this.buffer = Buffer.from(buf.buffer, buf.byteOffset, buf.length);
      this.words = new DataView(buf.buffer, buf.byteOffset, buf.length);
    }
  }

  decode(s: number, e: number): string {
    return s === e ? '' : this.buffer.toString('utf8', s, e);
  }

  /** buf[s, e) decoded and trimmed (a cell's text). */
  trimmedText(s: number, e: number): string {
    return this.decode(s, e).trim();
  }

  /** After asciiTrimmed: the cell's bytes without the blanks around them, [trimmedStart, trimmedEnd). */
  private trimmedStart = 0;
  private trimmedEnd = 0;

  /** Whether cell i is ASCII; if so, its bytes without the ASCII blanks around them are [trimmedStart, trimmedEnd). */
  private asciiTrimmed(i: number): boolean {
    const b = this.view.buf;
    let s = this.view.starts[i]!;
    let e = this.view.ends[i]!;
    while (s < e && isBlank(b[s]!)) s++;
    while (e > s && isBlank(b[e - 1]!)) e--;
    for (let j = s; j < e; j++) if (b[j]! >= 0x80) return false;
    this.trimmedStart = s;
    this.trimmedEnd = e;
    return true;
  }

  text(i: number): string {
    const v = this.view;
    const s = v.starts[i]!;
    const e = v.ends[i]!;
    if (s === e) return '';
    const cache = this.caches[i]!;
    if (cache.find(v.buf, this.words, s, e) && cache.text !== LATER) return cache.text;
    const t = this.decode(s, e).trim();
    cache.put(v.buf, s, e, t, -1);
    return t;
  }

  id(i: number, kind: TextKind): number {
    const v = this.view;
    const s = v.starts[i]!;
    const e = v.ends[i]!;
    const cache = this.caches[i]!;
    if (cache.find(v.buf, this.words, s, e)) {
      if (cache.id === BLANK) return -1;
      if (cache.id >= 0) return cache.id;
    }
    const table = this.texts.tables[kind]!;
    let id: number;
    let text: string;
    if (this.asciiTrimmed(i)) {
      const a = this.trimmedStart;
      const b = this.trimmedEnd;
      if (a === b) {
        cache.put(v.buf, s, e, '', BLANK);
        return -1;
      }
      id = table.intern(v.buf, a, b);
      // The text, when a message needs it, is the table's (the same trimmed bytes).
      text = LATER;
    } else {
      // Other bytes than ASCII (a Chinese name, GBK turned UTF-8): found by their spelling, decoded once.
      id = table.internSpelling(v.buf, s, e, this);
      if (id < 0) {
        cache.put(v.buf, s, e, '', BLANK);
        return -1;
      }
      text = LATER;
    }
    cache.put(v.buf, s, e, text, id);
    return id;
  }

  chars(i: number): CellChars {
    const c = this.cell;
    c.buf = this.view.buf;
    c.s = this.view.starts[i]!;
    c.e = this.view.ends[i]!;
    return c;
  }

  allBlank(): boolean {
    const v = this.view;
    const b = v.buf;
    for (let i = 0; i < v.count; i++) {
      for (let j = v.starts[i]!; j < v.ends[i]!; j++) {
        const c = b[j]!;
        if (isBlank(c)) continue;
        if (c < 0x80) return false;
        // Other blanks (an ideographic space, a no-break space) as trim() knows them.
        if (this.decode(v.starts[i]!, v.ends[i]!).trim() !== '') return false;
        break;
      }
    }
    return true;
  }

  /** Every cell as text, as it is. */
  strings(): string[] {
    const v = this.view;
    const out: string[] = [];
    for (let i = 0; i < v.count; i++) out.push(this.decode(v.starts[i]!, v.ends[i]!));
    return out;
  }
}

/**
 * What reading one file, or one thread's part of it, tells of that file: its rows' counts, the rows
 * left out or refused, where its names and scores are, and whether it is blank. Both threads of a
 * reading say it so (SheetParser.reading), and readSheets takes every file's the same way.
 */
export interface FileReading {
  counts: RowCounts;
  ignored: IgnoredRows[];
  /** Its rows whose semester disagrees with --semester (core/row-checks.ts logDisagreeing says them). */
  disagreeing: Disagreeing[];
  /** Its rows with a blank staff id, rater or semester (core/row-checks.ts logBlanks says them). */
  blanks: BlankCells[];
  /** What its refused rows tell, by the numbers of the thread that read them. */
  refused: RefusedRowsData;
  /** Per method, the column of its scores (1-based), for the places of messages. */
  methodColumns: number[];
  /** The names' column (1-based; 0: none). */
  nameColumn: number;
  bytes: number;
  /** The header's line when the sheet has rows but not one score (blank), else null. */
  blankAt: number | null;
}

export class SheetParser implements RecordSink {
  readonly counts: RowCounts = { read: 0, used: 0, rejected: 0 };
  /** Rows left out by keepSemester, per semester. */
  readonly ignored = new Map<string, IgnoredRows>();
  /** What the rows the row checks refused tell: their people, and the methods they gave. */
  readonly refused = new RefusedRows();
  columns: SheetColumns | null = null;

  /** The name's column (1-based), or 0 where the sheet has none: the place of a name's messages. */
  nameColumn(): number {
    return this.columns && this.columns.name >= 0 ? this.columns.name + 1 : 0;
  }

  /** Per method, the column of the sheet's scores (1-based; 0 where none): the places of the tally's messages. */
  methodColumns(): number[] {
    const cols = this.columns;
    return METHODS.map((_, k) => (cols ? (cols.method >= 0 ? cols.score + 1 : cols.methodColumn[k]! + 1) : 0));
  }
  /** The rows whose semester disagrees with --semester, per semester: the first and how many (logDisagreeing says them). */
  disagreeing(): Disagreeing[] {
    return this.checker ? [...this.checker.disagreeing.values()] : [];
  }
  /** The rows with a blank staff id, rater or semester, per kind: the first and how many (logBlanks says them). */
  blanks(): BlankCells[] {
    return this.checker ? [...this.checker.blanks.values()] : [];
  }
  /** The header's cells, once read. */
  headerCells: string[] | null = null;
  /** Only the header is wanted (the reader thread's look at the start of a file it reads from the middle): rows after it are not read. */
  headerOnly = false;
  headerSeen = false;
  /** Whether any row gave a score (a sheet that never does is blank). */
  scored = false;
  private readable = false;
  /** The header's line while the row under a header without score columns is still to come (see scoreColumnNames), else 0. */
  private namesBelow = 0;
  /** Whether the header at namesBelow is a roster's (HeaderOutcome.rosterLike), its error not yet said (sayRoster). */
  private rosterBelow = false;
  private blankRowsAbove = 0;
  /** The line of the last line skipped above the header (a title, Excel's separator line), else 0. */
  private skippedAbove = 0;
  /** The title rows skipped above the header: how many, the first's line. */
  private readonly titles = { count: 0, first: 0 };
  private fields: ByteFields | null = null;
  private checker: RowChecker | null = null;
  private readonly row = new CheckedRow();
  private readonly plain: ByteFields;

  constructor(
    readonly file: FileRef,
    private readonly opts: SheetOptions,
    private readonly texts: Texts,
    private readonly log: ProblemLog,
    private readonly sink: RowSink,
    /** Set when the file's first lines were read elsewhere (another thread reads from the middle): its header, problems of it not repeated. */
    header: string[] | null = null,
  ) {
    this.plain = new ByteFields(texts, 0);
    if (header) this.header(header, 1, true);
  }

  record(v: RecordView): void {
    if (!this.headerSeen) {
      this.plain.at(v);
      if (this.plain.allBlank()) {
        // Rows of empty cells above the header, as a sheet saved from Excel may have, are skipped.
        this.blankRowsAbove++;
        return;
      }
      this.header(this.plain.strings(), v.line, false);
      return;
    }
    if (this.headerOnly) return;
    const f = this.fields ?? this.plain;
    f.at(v);
    if (f.allBlank()) return; // a row of empty cells, as Excel leaves them
    this.counts.read++;
    const cols = this.columns;
    if (!this.readable || !cols || !this.checker) {
      if (this.namesBelow > 0) {
        const names = scoreColumnNames(f.strings());
        this.sayRoster(names.length > 0);
        if (names.length > 0) this.log.warning(this.file, v.line, undefined, 'score-names-below', this.namesBelow, names.join('\u0000'));
        this.namesBelow = 0;
      }
      this.counts.rejected++;
      return;
    }
    // The header again, as when two sheets were joined into one file: one error, not one per cell.
    if (v.count === cols.width && mayBeHeader(v, cols.staff) && parseHeader(f.text(cols.staff)) === 'staff_id' && repeatsHeader(f.strings(), cols)) {
      this.log.error(this.file, v.line, undefined, 'repeated-header', cols.line);
      this.counts.rejected++;
      return;
    }
    if (v.count !== cols.width) {
      const cells = f.strings();
      this.log.error(
        this.file,
        v.line,
        Math.min(v.count, cols.width) + 1,
        'cell-count',
        v.count,
        cols.width,
        ...(v.count > cols.width ? extraCellsHint(cells, cols.width, this.opts.delimiter) : NO_HINT),
        ...this.checker.whoOf(f, v.count),
      );
      this.counts.rejected++;
      return;
    }
    const row = this.row;
    if (!this.checker.check(f, v.line, row)) {
      this.counts.rejected++;
      if (row.rater >= 0) this.refused.addRater(row.semester, row.rater, row.role);
      if (row.staff >= 0 && row.semester !== '') {
        this.refused.add(row.semester, row.staff);
        const year = this.opts.keepYear;
        if (row.rater >= 0 && (year === null || ofYear(row.semester, year))) this.refused.addRow(row, this.file.order, v.line);
      }
      return;
    }
    this.counts.used++;
    if (!this.scored) for (let k = 0; k < 5; k++) if (row.scores[k] !== SCORE_EMPTY) this.scored = true;
    const year = this.opts.keepYear;
    // (Rows of one semester are one string: the year is looked at once per semester met, not per row.)
    if (year !== null && row.semester !== this.keptSemester && !this.keeps(row.semester, year)) {
      const seen = this.ignored.get(row.semester);
      if (seen) seen.rows++;
      else this.ignored.set(row.semester, { semester: row.semester, line: v.line, rows: 1 });
      return;
    }
    this.sink.row(row);
  }

  /** The last semester found to be of the year kept. */
  private keptSemester = '';

  private keeps(semester: string, year: number): boolean {
    if (!ofYear(semester, year)) return false;
    this.keptSemester = semester;
    return true;
  }

  malformed(line: number, column: number, kind: MalformedKind, code = 0): void {
    if (this.headerSeen) {
      this.counts.read++;
      this.counts.rejected++;
    } else {
      // A header that cannot be read leaves nothing in this sheet readable.
      this.headerSeen = true;
      this.readable = false;
    }
    if (kind === 'cell-too-long') this.log.error(this.file, line, column, kind, MAX_CELL_LENGTH);
    else if (kind === 'too-many-cells') this.log.error(this.file, line, column, kind, MAX_COLUMNS);
    else if (kind === 'control-character') this.log.error(this.file, line, column, kind, code);
    else this.log.error(this.file, line, column, kind);
  }

  /**
   * Whether the sheet has rows but not one score: a template sent back untouched. A sheet with a
   * row refused is not called blank (that row may have held the scores).
   */
  get blank(): boolean {
    return this.readable && this.counts.used > 0 && this.counts.rejected === 0 && !this.scored;
  }

  /**
   * What this parser's reading tells of its file (`bytes` read). `whole`: it read the file from its
   * start; a part read from the middle is never judged blank alone (the other part may hold the scores).
   */
  reading(bytes: number, whole = true): FileReading {
    // (Also where the reading failed and finish() was not called.)
    this.sayRoster(false);
    return {
      counts: this.counts,
      ignored: [...this.ignored.values()],
      disagreeing: this.disagreeing(),
      blanks: this.blanks(),
      refused: this.refused.export(),
      methodColumns: this.methodColumns(),
      nameColumn: this.nameColumn(),
      bytes,
      blankAt: whole && this.blank ? this.columns!.line : null,
    };
  }

  /**
   * A roster's header's error (rosterBelow), once: the first row under it names score columns (a
   * header of two rows), or does not, or there is none (`twoRows` false).
   */
  private sayRoster(twoRows: boolean): void {
    if (this.rosterBelow) this.log.error(this.file, this.namesBelow, undefined, twoRows ? 'no-score-columns' : 'roster-as-sheet');
    this.rosterBelow = false;
  }

  /** After the last record: a sheet needs a header and at least one row. */
  finish(otherRows = 0): void {
    this.sayRoster(false);
    if (!this.headerSeen && this.skippedAbove > 0) {
      this.log.error(this.file, this.skippedAbove, undefined, 'no-header', this.skippedAbove);
    } else if (!this.headerSeen) {
      this.log.error(this.file, 1, undefined, this.blankRowsAbove > 0 ? 'only-blank-rows' : 'empty-file');
    } else if (this.readable && this.counts.read + otherRows === 0) {
      this.log.error(this.file, this.columns!.line, undefined, 'no-rows');
    }
  }

  private header(cells: string[], line: number, given: boolean): void {
    const outcome = readHeader(cells, line, this.file, this.opts.delimiter, given ? silent : this.log, this.titles);
    if (outcome === 'skip') {
      this.skippedAbove = line;
      return;
    }
    this.headerSeen = true;
    this.headerCells = cells;
    this.readable = outcome.readable;
    if (outcome.noScoreColumns && !given) this.namesBelow = line;
    this.rosterBelow = outcome.rosterLike === true && !given;
    this.columns = outcome.columns;
    if (outcome.columns) {
      this.fields = new ByteFields(this.texts, outcome.columns.width);
      const ratersTable = this.texts.tables[RATER]!;
      let consensus = -1;
      this.checker = new RowChecker(
        this.file,
        outcome.columns,
        { policy: this.opts.policy, semester: this.opts.semester, semesterFillsOnly: this.opts.semesterFillsOnly, verbose: this.opts.verbose === true },
        this.log,
        () => (consensus >= 0 ? consensus : (consensus = ratersTable.internText(CONSENSUS_RATER))),
      );
    }
  }
}

/**
 * Whether a staff id cell could be a staff_id header (staff_id, 工号, 员工编号 in any case): a
 * quick look at its first byte, so that a row is not decoded for this check.
 */
function mayBeHeader(v: RecordView, i: number): boolean {
  let s = v.starts[i]!;
  let e = v.ends[i]!;
  const b = v.buf;
  for (;;) {
    while (s < e && isBlank(b[s]!)) s++;
    // A byte order mark, as where two sheets saved by Excel were joined (trim() removes it too).
    if (b[s] === 0xef && b[s + 1] === 0xbb && b[s + 2] === 0xbf && s + 3 <= e) s += 3;
    else break;
  }
  while (e > s && isBlank(b[e - 1]!)) e--;
  const n = e - s;
  // staff_id (8 bytes), 工号 (6), 员工编号 (12) in UTF-8.
  return (n === 8 && (b[s] === 0x73 || b[s] === 0x53)) || ((n === 6 || n === 12) && b[s] === 0xe5);
}

/** A problem log that keeps nothing (a header read a second time, by another thread). */
const silent = new Proxy({} as ProblemLog, { get: () => () => undefined });

/** No hint for a row of the wrong width (see `extraCellsHint`). */
const NO_HINT: CellCountHint = [0, 0, '', ''];

/**
 * Why a row may have more cells than the header, for the message to say: [1, cell, a, b] when cells
 * `cell` and `cell + 1` ("a" and "b") look like one score written with a decimal comma, [2, width,
 * separator, ''] when the extra cells at the end are empty, or no hint.
 */
function extraCellsHint(cells: string[], width: number, delimiter: string): CellCountHint {
  // A half point after a comma (`18,5`): two whole numbers side by side, the second one digit. It
  // shifts the cells after it, so it comes first even when the last cells are empty.
  for (let i = 0; delimiter === ',' && i + 1 < cells.length; i++) {
    const [a, b] = [cells[i]!.trim(), cells[i + 1]!.trim()];
    if (/^\d{1,2}$/.test(a) && /^\d$/.test(b)) return [1, i + 1, a, b];
  }
  if (cells.slice(width).every((c) => c.trim() === '')) return [2, width, delimiter, ''];
  return NO_HINT;
}

