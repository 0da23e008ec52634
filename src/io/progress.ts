/**
 * The progress line of a long reading: on a terminal, inputs over a few MB show on standard error
 * how far the reading is (percent of the bytes, rows, rows per second), in the user's language,
 * rewritten in place. Where a reader thread reads part of the input, its bytes and rows count too.
 */
import type { Lang } from '../i18n/index.js';
import { sheetWords } from '../i18n/files.js';

const PROGRESS_MIN_BYTES = 4 << 20;

/** What reads elsewhere has done so far (a reader thread), added to this thread's. */
export type Elsewhere = () => { bytes: number; rows: number };
const NOTHING: Elsewhere = () => ({ bytes: 0, rows: 0 });

/** Where the line goes: standard error unless a test gives another terminal. */
export interface ProgressOut {
  isTTY?: boolean;
  write(text: string): unknown;
}

export class Progress {
  private readonly start = Date.now();
  /** The first line after 200 ms: a reading that ends sooner shows none (no flash of "0 rows"). */
  private last = this.start;
  private shown = false;
  private readonly enabled: boolean;
  private name = '';
  private bytes = 0;

  constructor(
    private readonly total: number,
    private readonly rows: () => number,
    private readonly lang: Lang,
    private readonly elsewhere: Elsewhere = NOTHING,
    // A function: a small input never looks at standard error (making process.stderr loads Node's streams).
    private readonly out: () => ProgressOut = () => process.stderr,
  ) {
    this.enabled = total >= PROGRESS_MIN_BYTES && this.out().isTTY === true;
  }

  /** This thread has read `bytes` of the inputs, now in `name`. */
  update(name: string, bytes: number): void {
    this.name = name;
    this.bytes = bytes;
    this.refresh();
  }

  /** The line again, at most every 200 ms (also while this thread waits for the reader thread). */
  refresh(): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const other = this.elsewhere();
    const secs = Math.max((now - this.start) / 1000, 0.001);
    const r = this.rows() + other.rows;
    const pct = this.total > 0 ? Math.min(100, Math.floor(((this.bytes + other.bytes) / this.total) * 100)) : 0;
    const line = sheetWords(this.lang).progress(this.name, pct, (this.total / 1e6).toFixed(0), r.toLocaleString('en'), Math.round(r / secs).toLocaleString('en'));
    this.out().write(`\r\x1b[K${line}`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.out().write('\r\x1b[K');
  }
}

/**
 * The progress line of printing with the browser (a PDF takes seconds, a notice each a folder of
 * them a minute): on a terminal, standard error says what is printing and how many are done,
 * rewritten in place, and is cleared at the end. Nothing where standard error is no terminal.
 */
export class PrintProgress {
  private readonly enabled: boolean;

  constructor(
    private readonly total: number,
    private readonly line: (done: number, total: number) => string,
    private readonly out: () => ProgressOut = () => process.stderr,
  ) {
    this.enabled = total > 0 && this.out().isTTY === true;
  }

  /** `done` documents are printed. */
  update(done: number): void {
    if (this.enabled) this.out().write(`\r\x1b[K${this.line(done, this.total)}`);
  }

  done(): void {
    if (this.enabled) this.out().write('\r\x1b[K');
  }
}
