/**
 * What every command shares: the common options (declared once), turning them into settings, printing
 * problems to standard error, and writing the report to standard output or --out.
 */
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { parseSemester } from '../core/cells.js';
import type { Policy } from '../core/policy.js';
import type { Problem } from '../core/types.js';
import { DataError, UsageError } from '../errors.js';
import { outWords } from '../i18n/files.js';
import { commandWords } from '../i18n/commands.js';
import { helpWords } from '../i18n/help.js';
import { type Lang, defaultLang, words as uiWords } from '../i18n/index.js';
import { problemWords } from '../i18n/problems.js';
import type { Reading } from '../io/read-sheets.js';
import { type Encoding, parseEncoding } from '../io/encoding.js';
import { type OutData, blockingStderr, checkOut, stdoutIsTerminal, writeOut, writeStdout } from '../io/output.js';
import { loadPolicy } from '../io/policy-file.js';
import { putDigits } from '../render/csv.js';
import { printable } from '../render/format.js';
import { colorsRefused } from '../render/paint.js';

export interface CommonFlags {
  policy?: string;
  lang?: string;
  format?: string;
  out?: string;
  force?: boolean;
  color?: boolean;
  encoding?: string;
  delimiter?: string;
  verbose?: boolean;
  /** Set by the --out check: what to say of the file once written (a table in a file named .csv). */
  outNote?: string;
}

export interface Common {
  policy: Policy;
  policyFile: string | null;
  lang: Lang;
  format: string;
  out: string | null;
  force: boolean;
  color: boolean;
  encoding: Encoding | null;
  delimiter: string;
  /** List every missing score of a blank sheet. */
  verbose?: boolean;
  /** A warning said of --out once it is written (CommonFlags.outNote). */
  outNote?: string;
}

/** --policy --lang --format --out --force --no-color, and for commands that read sheets --encoding --delimiter. */
export function addCommonOptions(cmd: Command, lang: Lang, formats: readonly string[], defaultFormat: string, readsSheets = true): Command {
  const o = helpWords(lang).common;
  cmd
    .option(...o.policy)
    .addOption(new Option(...o.lang).choices(['en', 'zh']))
    .addOption(new Option(...o.format).choices([...formats]).default(defaultFormat))
    .option(...o.out(formats.filter((f) => Object.hasOwn(NAMED, f)).map((f) => `.${f}`)))
    .option(...o.force)
    .option(...o.noColor);
  // A file that must be what its extension says follows it: `--out list.xlsx` is a workbook, not a
  // table in a file Excel refuses to open (report.pdf, report.html likewise); a --format naming
  // another is refused, and so is a workbook or a PDF under another name (`--format xlsx --out
  // y.csv`). Text formats (.csv, .json, .md, .txt) keep --format and its default (SPEC): a file named
  // for another text format than the default it holds (a table in 成绩.csv) is a warning once written.
  cmd.hook('preAction', (c) => {
    if (c.getOptionValue('color') === false) noColorGiven();
    const out = c.getOptionValue('out') as string | undefined;
    if (out === undefined || out === '-') return;
    const words = () => commandWords((c.getOptionValue('lang') as Lang | undefined) ?? defaultLang(process.env));
    const format = c.getOptionValue('format') as string;
    const given = c.getOptionValueSource('format') === 'cli';
    // A spreadsheet's or word processor's own file (成绩.xls, 通知.docx) is none the tool writes:
    // text or HTML under that name is a file Excel or Word refuses, so it is refused here.
    const ext = extensionOf(out);
    const office = ext === undefined ? null : OFFICE_SHEETS.has(ext) ? 'sheet' : OFFICE_DOCUMENTS.has(ext) ? 'document' : null;
    if (office !== null && !notAFile(out)) throw new UsageError(words().formatNotWritten(out, c.name(), ext!, formats, office));
    const byExt = formatOfFile(out);
    if (byExt === null) {
      if (given && NAMED[format] === 'always' && !notAFile(out)) throw new UsageError(words().formatNeedsName(format, out));
      const text = textFormatOf(out);
      if (!given && text !== null && text !== format && formats.includes(text) && !notAFile(out)) c.setOptionValue('outNote', words().outHoldsDefault(out, format, text));
      return;
    }
    if (!formats.includes(byExt)) throw new UsageError(words().formatNotWritten(out, c.name(), byExt, formats));
    if (!given) c.setOptionValueWithSource('format', byExt, 'implied');
    else if (format !== byExt) throw new UsageError(words().formatVsOut(format, out, byExt));
  });
  if (readsSheets) {
    cmd
      .option(...o.encoding)
      .option(...o.delimiter, ',')
      .option(...o.verbose);
  }
  return cmd;
}

/** Office files the tool never writes (a workbook it writes is .xlsx, a document .html or .pdf). */
const OFFICE_SHEETS: ReadonlySet<string> = new Set(['xls', 'xlsm', 'xlsb', 'xlt', 'xltx', 'ods', 'et']);
const OFFICE_DOCUMENTS: ReadonlySet<string> = new Set(['doc', 'docx', 'docm', 'dot', 'dotx', 'rtf', 'odt', 'wps', 'ppt', 'pptx', 'odp', 'dps']);

const BY_EXTENSION: Readonly<Record<string, string>> = { xlsx: 'xlsx', html: 'html', htm: 'html', pdf: 'pdf' };

/**
 * The formats an --out's name chooses; `always`: a file of that format has that name (a workbook is
 * .xlsx, a PDF .pdf), while an HTML document may have another (`--format html --out page.txt`).
 */
const NAMED: Readonly<Record<string, 'always' | 'chooses'>> = { xlsx: 'always', html: 'chooses', pdf: 'always' };

/** A path that exists and is not a regular file (/dev/stdout, a FIFO): written directly, its name says nothing. */
function notAFile(path: string): boolean {
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    return st !== undefined && !st.isFile();
  } catch {
    return false;
  }
}

/** A file name's extension, lower case (`.XLSX` is xlsx), or undefined. */
function extensionOf(path: string): string | undefined {
  return /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
}

/** The text format a file's name suggests (`.csv`, `.json`, `.md`; any case), or null: it does not choose one. */
function textFormatOf(path: string): string | null {
  const ext = extensionOf(path);
  return ext === 'csv' || ext === 'json' || ext === 'md' ? ext : null;
}

/** The format a file must hold by its extension (`.xlsx`, `.html`, `.pdf`; any case), or null. */
function formatOfFile(path: string): string | null {
  const ext = extensionOf(path);
  return ext !== undefined && Object.hasOwn(BY_EXTENSION, ext) ? BY_EXTENSION[ext]! : null;
}

export function resolveCommon(flags: CommonFlags, env: NodeJS.ProcessEnv = process.env): Common {
  const lang = (flags.lang as Lang | undefined) ?? defaultLang(env);
  const { policy, file } = loadPolicy(flags.policy, { lang });
  let encoding: Encoding | null = null;
  if (flags.encoding !== undefined) {
    encoding = parseEncoding(flags.encoding);
    if (!encoding) throw new UsageError(commandWords(lang).unknownEncoding(flags.encoding));
  }
  // A tab is hard to type in some shells (Windows' own): `\t` and `tab` name it.
  const given = flags.delimiter ?? ',';
  const delimiter = given === '\\t' || given.toLowerCase() === 'tab' ? '\t' : given;
  // The sheets are split on bytes: one ASCII character (a full-width ，or ； is two or three bytes in GBK or UTF-8).
  if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 0x7e || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new UsageError(commandWords(lang).badDelimiter(delimiter));
  }
  const toTerminal = !flags.out && stdoutIsTerminal();
  const color = flags.color !== false && !colorsRefused(env) && (toTerminal || Boolean(env.FORCE_COLOR && env.FORCE_COLOR !== '0'));
  return {
    policy,
    policyFile: file,
    lang,
    format: flags.format ?? 'table',
    out: flags.out ?? null,
    force: flags.force === true,
    color: color && !flags.out,
    encoding,
    delimiter,
    verbose: flags.verbose === true,
    ...(flags.outNote === undefined ? {} : { outNote: flags.outNote }),
  };
}

export function parseSemesterOption(value: string | undefined, lang: Lang): string | null {
  if (value === undefined) return null;
  const s = parseSemester(value);
  if (!s) throw new UsageError(commandWords(lang).badSemester(value));
  return s;
}

/** Whether --no-color was given (the common options' check sets it): problems on standard error are plain too. */
let noColor = false;

/** --no-color was given: problems on standard error are plain too (commands without the common options call it). */
export function noColorGiven(): void {
  noColor = true;
}

/** Whether problems on standard error are colored: a terminal, neither --no-color nor NO_COLOR (nor TERM=dumb). */
export function stderrColor(): boolean {
  return !noColor && process.stderr.isTTY === true && !colorsRefused();
}

export function formatProblem(p: Problem, color: boolean): string {
  const place = `${p.file}:${p.line}${p.column !== undefined ? `:${p.column}` : ''}`;
  const sev = color ? (p.severity === 'error' ? '\x1b[31;1merror\x1b[0m' : '\x1b[33mwarning\x1b[0m') : p.severity;
  // Messages quote cells of the sheet: one problem a line, no escape sequence reaches the terminal.
  return `${printable(place)}: ${sev}: ${printable(p.message)}`;
}


/**
 * The problems of a reading, sorted, printed to standard error as they are worded (a million of them
 * never sit in memory as text), then the summary line; throws DataError (exit 1) if any is an error.
 * Returns the warnings (for reports that list them). `print: false` prints nothing: the DataError
 * carries every problem.
 */
export function reportLog(reading: Reading, lang: Lang, print = true): Problem[] {
  const { log } = reading;
  const words = problemWords(lang);
  const ctx = reading.tally.context();
  // Problems at one place are put in the order of their English wording, in every language (SPEC:
  // sorted by file, line and column; the order must not depend on --lang).
  const key = problemWords('en');
  if (!print) {
    const all = log.sorted(words, ctx, key);
    if (log.errors > 0) throw new DataError(all);
    return all;
  }
  const warnings: Problem[] = [];
  if (log.count > 0) {
    const color = stderrColor();
    const cache = new Map<number, string>();
    const order = log.order((i) => {
      let m = cache.get(i);
      if (m === undefined) cache.set(i, (m = log.message(i, key, ctx)));
      return m;
    });
    cache.clear();
    const sev = { error: color ? '\x1b[31;1merror\x1b[0m' : 'error', warning: color ? '\x1b[33mwarning\x1b[0m' : 'warning' };
    // File names and messages made printable (and UTF-8) once each: a million problems are often a
    // few messages over and over (a row repeated, each a duplicate). Lines are put together as bytes:
    // the file's name, line and column, then the severity and message, one piece.
    const files: (Uint8Array | undefined)[] = [];
    const messages = log.messageCache(words, ctx, (m, error) => Buffer.from(`: ${error ? sev.error : sev.warning}: ${printable(m)}\n`, 'utf8'));
    blockingStderr();
    const out = new LineBytes(process.stderr);
    for (const i of order) {
      if (!log.isError(i)) warnings.push(log.render(i, words, ctx));
      const f = log.fileOrder(i);
      let file = files[f];
      if (file === undefined) file = files[f] = Buffer.from(printable(log.fileName(i)), 'utf8');
      out.bytes(file);
      out.number(log.line(i));
      const column = log.column(i);
      if (column) out.number(column);
      out.bytes(messages(i));
    }
    out.flush();
  }
  if (log.errors > 0) {
    process.stderr.write(`${uiWords(lang).problems(log.errors, log.count - log.errors)}\n`);
    throw new DataError([]);
  }
  return warnings;
}

/** Lines of problems put together as bytes, written in blocks of 64 KB. */
class LineBytes {
  private buf = Buffer.allocUnsafe(1 << 16);
  private at = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  bytes(b: Uint8Array): void {
    if (this.at + b.length > this.buf.length) {
      this.flush();
      if (b.length > this.buf.length) this.buf = Buffer.allocUnsafe(b.length);
    }
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  /** `:` and a whole number (a line or a column: below 2^31, at most 10 digits). */
  number(n: number): void {
    if (this.at + 12 > this.buf.length) this.flush();
    this.buf[this.at++] = 58;
    this.at = putDigits(this.buf, this.at, n);
  }

  flush(): void {
    if (this.at === 0) return;
    // Through the stream, not the descriptor: a thread that runs a command (verify) hears it. The
    // stream may keep the bytes until they are written: it gets this buffer, and a new one is taken.
    this.stream.write(this.buf.subarray(0, this.at));
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.at = 0;
  }
}

/** Prints problems to standard error, sorted; throws DataError (exit 1) if any is an error. */
export function reportProblems(sorted: Problem[], summary: (errors: number, warnings: number) => string): void {
  const color = stderrColor();
  if (sorted.length > 0) process.stderr.write(sorted.map((p) => formatProblem(p, color)).join('\n') + '\n');
  const errors = sorted.filter((p) => p.severity === 'error').length;
  if (errors > 0) {
    process.stderr.write(`${summary(errors, sorted.length - errors)}\n`);
    throw new DataError(sorted);
  }
}

/**
 * With EVALUATE_DEBUG set: the time and heap at a phase of a command, on standard error, and the
 * process's page faults so far (both threads): on a virtual machine the first touch of a page of
 * memory can cost microseconds, and a phase's new memory is then much of its time.
 */
export function debugPhase(what: string): void {
  if (!process.env.EVALUATE_DEBUG) return;
  const m = process.memoryUsage();
  const mb = (n: number): number => Math.round(n / 1e6);
  const faults = process.resourceUsage().minorPageFault;
  process.stderr.write(`evaluate: ${what}: ${Math.round(performance.now())} ms, heap ${mb(m.heapUsed)} MB, buffers ${mb(m.arrayBuffers)} MB, resident ${mb(m.rss)} MB, page faults ${faults}\n`);
}

/** Checks --out before any work is done, so that a refused path costs nothing. */
export function precheckOut(common: Common, inputs: (string | null)[]): void {
  // The policy file is an input too: `--out` must not replace it.
  if (common.out) checkOut(common.out, common.force, [...inputs, common.policyFile], common.lang);
}

/**
 * The report to standard output, or to --out (`-` is standard output): a file is created whole or
 * not at all, never over an existing one without --force, and named on standard error once written.
 */
export async function emit(text: OutData, common: Common): Promise<void> {
  if (!common.out) return writeStdout(text);
  const wrote = await writeOut(common.out, text, { replace: common.force, lang: common.lang });
  if (wrote !== 'file') return;
  if (common.outNote !== undefined) process.stderr.write(`evaluate: warning: ${printable(common.outNote)}\n`);
  process.stderr.write(`${outWords(common.lang).wrote(printable(common.out))}\n`);
}
