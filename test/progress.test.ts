/**
 * The progress line of a long reading (src/io/progress.ts), on a terminal made for the test: in the
 * user's language, counting what the reader thread has read, at most every 200 ms, never for a small
 * input or when standard error is not a terminal.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reportWords } from '../src/i18n/report.js';
import { PrintProgress, Progress, type ProgressOut } from '../src/io/progress.js';

const MB = 1 << 20;

function terminal(isTTY = true): ProgressOut & { lines: string[] } {
  const t = {
    isTTY,
    lines: [] as string[],
    write(text: string) {
      t.lines.push(text);
    },
  };
  return t;
}

describe('the progress line', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('says how far the reading is, in Chinese and in English, the reader thread counted in', () => {
    for (const [lang, first, second] of [
      ['zh', 'a.csv：已读 50%（共 8 MB），1,000 行，每秒 2,000 行', 'b.csv：已读 87%（共 8 MB），1,500 行，每秒 2,000 行'],
      ['en', 'a.csv: 50% of 8 MB, 1,000 rows, 2,000 rows/s', 'b.csv: 87% of 8 MB, 1,500 rows, 2,000 rows/s'],
    ] as const) {
      vi.setSystemTime(1_000_000);
      const out = terminal();
      let theirs = { bytes: 0, rows: 0 };
      const p = new Progress(8 * MB, () => 1000, lang, () => theirs, () => out);
      vi.advanceTimersByTime(500);
      p.update('a.csv', 4 * MB);
      expect(out.lines).toEqual([`\r\x1b[K${first}`]);
      // The reader thread has read 3 MB and 500 rows: both count.
      theirs = { bytes: 3 * MB, rows: 500 };
      vi.advanceTimersByTime(250);
      p.update('b.csv', 4 * MB);
      expect(out.lines.at(-1)).toBe(`\r\x1b[K${second}`);
      p.done();
      expect(out.lines.at(-1)).toBe('\r\x1b[K');
    }
  });

  it('is rewritten at most every 200 ms, also while this thread waits for the other (refresh)', () => {
    const out = terminal();
    let rows = 0;
    let theirs = 0;
    const p = new Progress(8 * MB, () => rows, 'en', () => ({ bytes: theirs, rows: Math.floor(theirs / 100) }), () => out);
    p.update('a.csv', MB);
    // Nothing in the first 200 ms: a reading that ends sooner shows no line.
    expect(out.lines).toEqual([]);
    vi.advanceTimersByTime(200);
    rows = 10;
    p.update('a.csv', 2 * MB);
    expect(out.lines).toHaveLength(1);
    vi.advanceTimersByTime(100);
    p.update('a.csv', 3 * MB);
    expect(out.lines).toHaveLength(1);
    // This thread is done and waits; the other reads on.
    theirs = 4 * MB;
    vi.advanceTimersByTime(100);
    p.refresh();
    expect(out.lines).toHaveLength(2);
    expect(out.lines[1]).toContain('a.csv: 87% of 8 MB, 41,953 rows');
  });

  it('never writes for a small input (nor looks at standard error), nor where standard error is not a terminal, and done() clears only a line it wrote', () => {
    let asked = 0;
    const out = terminal();
    const small = new Progress(4 * MB - 1, () => 1, 'en', undefined, () => (asked++, out));
    vi.advanceTimersByTime(1000);
    small.update('a.csv', MB);
    small.refresh();
    small.done();
    expect(asked).toBe(0);
    const pipe = terminal(false);
    const notTty = new Progress(8 * MB, () => 1, 'zh', undefined, () => pipe);
    vi.advanceTimersByTime(1000);
    notTty.update('a.csv', MB);
    notTty.done();
    expect(pipe.lines).toEqual([]);
  });
});

describe('the progress line of printing with the browser', () => {
  it('says how many documents are printed, rewritten in place, cleared at the end; nothing off a terminal', () => {
    for (const [lang, total, lines] of [
      ['en', 3, ['Printing the PDFs with the browser: 0 of 3 done', 'Printing the PDFs with the browser: 1 of 3 done', 'Printing the PDFs with the browser: 3 of 3 done']],
      ['zh', 3, ['正在用浏览器打印 PDF：已完成 0 / 3 份', '正在用浏览器打印 PDF：已完成 1 / 3 份', '正在用浏览器打印 PDF：已完成 3 / 3 份']],
      ['en', 1, ['Printing the PDF with the browser...', 'Printing the PDF with the browser...', 'Printing the PDF with the browser...']],
    ] as const) {
      const t = terminal();
      const p = new PrintProgress(total, reportWords[lang].printing, () => t);
      p.update(0);
      p.update(1);
      p.update(total);
      p.done();
      expect(t.lines).toEqual([...lines.map((l) => `\r\x1b[K${l}`), '\r\x1b[K']);
    }
    const pipe = terminal(false);
    const p = new PrintProgress(24, reportWords.en.printing, () => pipe);
    p.update(0);
    p.update(24);
    p.done();
    expect(pipe.lines).toEqual([]);
  });
});
