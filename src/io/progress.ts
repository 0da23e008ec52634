/**
 * The progress line of a long reading: on a terminal, inputs over a few MB show on standard error
 * how far the reading is (percent of the bytes, rows, rows per second), rewritten in place.
 */
const PROGRESS_MIN_BYTES = 4 << 20;

export class Progress {
  private last = 0;
  private readonly start = Date.now();
  private shown = false;
  private readonly enabled: boolean;

  constructor(
    private readonly total: number,
    private readonly rows: () => number,
    /** Bytes read elsewhere (another thread), added to this thread's. */
    private readonly elsewhere: () => number = () => 0,
  ) {
    // A small input never looks at standard error (making process.stderr loads Node's streams).
    this.enabled = total >= PROGRESS_MIN_BYTES && process.stderr.isTTY === true;
  }

  update(name: string, bytes: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const secs = Math.max((now - this.start) / 1000, 0.001);
    const r = this.rows();
    const pct = this.total > 0 ? Math.min(100, Math.floor(((bytes + this.elsewhere()) / this.total) * 100)) : 0;
    process.stderr.write(`\r\x1b[K${name}: ${pct}% of ${(this.total / 1e6).toFixed(0)} MB, ${r.toLocaleString('en')} rows, ${Math.round(r / secs).toLocaleString('en')} rows/s`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) process.stderr.write('\r\x1b[K');
  }
}
