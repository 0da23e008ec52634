/**
 * For the tests of `evaluate report` and `evaluate notices` that print in a real browser: whether
 * this machine can (a Chrome, Edge or Chromium as `evaluate` finds it, and poppler's pdftotext and
 * pdfinfo), and what a PDF says: its page count, its text page by page, the words past the margin.
 */
import { spawnSync } from 'node:child_process';
import { findBrowser } from '../src/io/browser.js';

function runs(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.error === undefined && r.status === 0;
}

/** What is missing to print and read PDFs here, or null when nothing is. */
export function missingForPdf(): string | null {
  const missing: string[] = [];
  if ('error' in findBrowser({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' })) missing.push('a browser (Debian: chromium, with fonts-noto-cjk)');
  if (!runs('pdftotext', ['-v']) || !runs('pdfinfo', ['-v'])) missing.push('pdftotext and pdfinfo (Debian: poppler-utils)');
  return missing.length ? missing.join(' and ') : null;
}

/** The missing tools, said once per test file in one line, so that a skip is never silent. */
export function warnIfMissing(what: string): boolean {
  const missing = missingForPdf();
  if (missing) console.warn(`skipping the PDF tests of ${what}: ${missing} not found`);
  return missing === null;
}

export function pageCount(pdf: string): number {
  const r = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)/m.exec(r.stdout);
  if (!m) throw new Error(`pdfinfo ${pdf}: ${r.stderr}`);
  return Number(m[1]);
}

/** The text of each page (pdftotext -layout keeps a table row on one line). */
export function pageTexts(pdf: string): string[] {
  const r = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdftotext ${pdf}: ${r.stderr}`);
  const pages = r.stdout.split('\f');
  if (pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages;
}

/** The text in content order (pdftotext -raw): a table cell that wraps comes out as consecutive lines. */
export function rawText(pdf: string): string {
  const r = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdftotext -raw ${pdf}: ${r.stderr}`);
  return r.stdout;
}

/** Words whose right edge lies past the page's right margin (`margin` points from the edge), with their page. */
export function wordsPastMargin(pdf: string, margin: number): { page: number; word: string; xMax: number; width: number }[] {
  const r = spawnSync('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdftotext -bbox ${pdf}: ${r.stderr}`);
  const out: { page: number; word: string; xMax: number; width: number }[] = [];
  const pages = [...r.stdout.matchAll(/<page width="([\d.]+)" height="[\d.]+">([\s\S]*?)<\/page>/g)];
  pages.forEach((p, i) => {
    const width = Number(p[1]);
    for (const w of p[2]!.matchAll(/<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)) {
      const xMax = Number(w[1]);
      if (xMax > width - margin) out.push({ page: i + 1, word: w[2]!, xMax, width });
    }
  });
  return out;
}

/** The page's right margin in points: the documents' @page margin is 14 mm; 1 pt of slack. */
export const MARGIN_PT = (14 * 72) / 25.4 - 1;
