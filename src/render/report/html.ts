/**
 * The HTML both documents are made of: text made safe, and the page around it (the CSP, the print
 * style). Every piece of text, from a sheet or not, goes through `h()`: it is markup-escaped, its
 * control characters are shown as `\u{1b}` (as in every other output of the tool), and the few
 * characters that could spell a URL (`/`, `:`, `(`) are written as character references, so that
 * the document's source holds no `http:`, `//` or `url(` that did not come from us. A text with a
 * bidi control is isolated in `<bdi>`, so that an override cannot run past it.
 */
import type { Lang } from '../../i18n/index.js';
import { printable } from '../format.js';

const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '/': '&#47;',
  ':': '&#58;',
  '(': '&#40;',
};

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Text as HTML: escaped, control characters visible, bidi isolated. Safe in text and in quoted attributes. */
export function h(text: string): string {
  const safe = printable(text).replace(/[&<>"'/:(]/g, (c) => ENTITY[c]!);
  return BIDI.test(text) ? `<bdi>${safe}</bdi>` : safe;
}

/** An attribute value: as h(), without the <bdi> (which is markup). */
export function attr(text: string): string {
  return printable(text).replace(/[&<>"'/:(]/g, (c) => ENTITY[c]!);
}

/** The fonts the page and the charts ask for: Chinese first, so that names and labels have their glyphs. */
export const FONT_STACK = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'WenQuanYi Micro Hei', sans-serif";

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
@page { size: A4; margin: 14mm 14mm 16mm 14mm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #666; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${FONT_STACK}; font-size: 9.5pt; line-height: 1.45; color: #1a1a1a; overflow-wrap: anywhere; }
@media screen { body { max-width: 182mm; margin: 8mm auto; } }
h1 { font-size: 16pt; margin: 0 0 1mm; }
h2 { font-size: 13pt; margin: 0 0 3mm; padding-bottom: 1mm; border-bottom: 1.5px solid #333; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; }
h4 { font-size: 10pt; margin: 3mm 0 1.5mm; }
/* A heading never ends a page: it goes to the next page with the start of what it heads. */
h1, h2, h3, h4, figcaption { break-after: avoid; break-inside: avoid; }
p { margin: 1.5mm 0; }
.sub { color: #444; margin: 0; }
.center { font-size: 11pt; color: #333; margin: 0 0 1mm; }
header.doc { margin-bottom: 5mm; }
section { margin: 0 0 6mm; }
section.page, div.page { break-before: page; }
/* Column widths are a wish (the <col> widths), not a cage: a column widens to its longest word, so
   that words break only between words or at hyphens. A cell's max-width bounds what it may ask for:
   a word longer than that (a name with no space) still breaks, as a last resort, and the table
   stays within the page. */
table { border-collapse: collapse; width: 100%; table-layout: auto; margin: 1.5mm 0 3mm; font-size: 9pt; }
th, td { border: 0.6px solid #999; padding: 0.8mm 1.2mm; text-align: left; vertical-align: top; overflow-wrap: break-word; max-width: 45mm; }
/* A date (2026-07-30) is one line, never broken at its hyphens; words beside it in its column may wrap. */
.date { white-space: nowrap; }
/* Column heads, amounts, totals and grades are short phrases: kept whole where the column allows
   it (word-break: keep-all stops the break between two Chinese characters, as in （金额未设）). */
th, td.n, td.g-excellent, td.g-good, td.g-qualified, td.g-unqualified { word-break: keep-all; }
th { background: #eef0f3; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
tr.post th { background: #f7f7f7; font-weight: 600; }
tr.post { break-after: avoid; }
table.ranking, table.year, table.summary { font-size: 8.5pt; }
table.ranking td, table.ranking th { padding: 0.6mm 0.8mm; max-width: 28mm; }
.g-excellent { color: #1b6e20; font-weight: 600; }
.g-good { color: #0d4f9c; }
.g-qualified { color: #7a5200; }
.g-unqualified { color: #b3261e; font-weight: 600; }
.figures { display: flex; flex-wrap: wrap; gap: 2mm 6mm; margin: 0 0 3mm; }
.figures div { min-width: 28mm; }
.figures b { display: block; font-size: 13pt; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm 5mm; }
figure { margin: 0; break-inside: avoid; }
figure.wide { grid-column: 1 / -1; }
figcaption { font-weight: 600; font-size: 9.5pt; margin-bottom: 1mm; }
svg { display: block; max-width: 100%; height: auto; }
.note { color: #555; font-size: 8.5pt; }
.warn { color: #8a4b00; }
.hash { font-family: 'Noto Sans Mono CJK SC', 'DejaVu Sans Mono', Consolas, 'Courier New', monospace; font-size: 7.5pt; word-break: break-all; }
table.sign td { height: 11mm; vertical-align: bottom; }
.keep { break-inside: avoid; }
dl.policy { display: grid; grid-template-columns: 42mm 1fr; gap: 1mm 4mm; margin: 2mm 0 4mm; }
dl.policy dt { font-weight: 600; }
dl.policy dd { margin: 0; }
ul.warnings { margin: 1mm 0; padding-left: 5mm; font-size: 8.5pt; }
section.notice { break-after: page; margin: 0; }
section.notice:last-of-type { break-after: auto; }
/* On screen the notices follow one another: a gap and a rule between two people (print keeps a page each). */
@media screen { section.notice + section.notice { margin-top: 12mm; padding-top: 10mm; border-top: 1.5px dashed #888; } }
.notice .who { display: grid; grid-template-columns: repeat(3, auto); gap: 1mm 6mm; justify-content: start; font-size: 10.5pt; margin: 3mm 0 3mm; padding: 2mm 3mm; border: 0.8px solid #999; }
.notice h3 { border-left: 3px solid #333; padding-left: 2mm; }
.notice .result { display: grid; grid-template-columns: auto 1fr; gap: 0.8mm 4mm; margin: 2mm 0; font-size: 10pt; }
.notice .result dt { font-weight: 600; }
.notice .result dd { margin: 0; }
.notice .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.notice table { font-size: 9pt; }
.notice .ack { margin-top: 6mm; display: grid; grid-template-columns: auto 1fr auto 40mm; gap: 2mm; align-items: end; font-size: 10.5pt; }
.notice .line { border-bottom: 0.8px solid #333; height: 8mm; }
.notice .committee { margin-top: 4mm; }
`;

/** A whole document: the CSP, the print style, the body. */
export function page(lang: Lang, title: string, body: string): string {
  return (
    `<!DOCTYPE html>\n<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${h(title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n${body}</body>\n</html>\n`
  );
}

/** A table: header cells and rows of ready HTML cells; `n` marks numeric (right-aligned) columns. */
export function table(cls: string, head: string[], rows: string[][], opts: { numeric?: number[]; widths?: string[] } = {}): string {
  const numeric = new Set(opts.numeric ?? []);
  const cols = opts.widths ? `<colgroup>${opts.widths.map((w) => `<col style="width:${w}">`).join('')}</colgroup>` : '';
  const th = head.map((x, i) => `<th${numeric.has(i) ? ' class="n"' : ''}>${x}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((x, i) => (x.startsWith('<td') || x.startsWith('<th') ? x : `<td${numeric.has(i) ? ' class="n"' : ''}>${x}</td>`)).join('')}</tr>`).join('\n');
  return `<table class="${cls}">${cols}<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody></table>\n`;
}
