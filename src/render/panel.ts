/** Rendering the panel report: table and json (SPEC "JSON of panel"). */
import { type PanelReport, RELIABILITY_KEYS, roundStat } from '../core/panel.js';
import { type Lang, words } from '../i18n/index.js';
import { panelWords } from '../i18n/panel.js';
import { type SealBase, reportJson } from './json.js';
import { foldTo, roomIn } from './lines.js';
import { type Align, type Arrangement, type Cell, fitTable, inTable, layout, listBelow, painter, pushAll } from './table.js';
import { printable } from './format.js';

export interface PanelRenderInput {
  report: PanelReport;
  lang: Lang;
  color: boolean;
  /** JSON only: the seal to write (SPEC "Seal, verify, diff"). */
  seal?: SealBase;
  /** Table only: the terminal's width in columns when the table goes to one (null: not a terminal). */
  width?: number | null;
}

/** What a terminal too narrow for the raters' table gives up first: the gaps, then the flags (listed below it, a rater a line). */
const RATER_FITS: Arrangement[] = [
  { below: [], gap: 2 },
  { below: [], gap: 1 },
  { below: [8], gap: 2 },
  { below: [8], gap: 1 },
];

const POINTS = 2;
const COEFFICIENT = 3;

/** The roles of the raters whose totals are out of less than 100 (a policy gives some methods to other roles), by that total. */
export function partialRoles(r: PanelReport, lang: Lang): [string[], number][] {
  const byTotal = new Map<number, string[]>();
  for (const x of r.raters) {
    if (x.outOf >= 100) continue;
    const role = x.role ? words(lang).role[x.role] : panelWords[lang].noRole;
    const roles = byTotal.get(x.outOf) ?? [];
    if (!roles.includes(role)) roles.push(role);
    byTotal.set(x.outOf, roles);
  }
  return [...byTotal].sort((a, b) => b[0] - a[0]).map(([outOf, roles]) => [roles, outOf]);
}

export function panelJson({ report: r, seal }: PanelRenderInput): Uint8Array[] {
  const doc = {
    semester: r.semester,
    raters: r.raters.map((x) => ({
      rater: x.rater,
      role: x.role,
      scored: x.scored,
      mean: roundStat(x.mean, POINTS),
      sd: roundStat(x.sd, POINTS),
      leniency: roundStat(x.leniency, POINTS),
      correlation: roundStat(x.correlation, COEFFICIENT),
      identicalShare: roundStat(x.identicalShare, COEFFICIENT),
      flags: x.flags,
    })),
    staff: r.staff.map((s) => ({
      staffId: s.staffId,
      name: s.name,
      spread: roundStat(s.spread, POINTS),
      raters: s.raters,
      highest: s.highest && { rater: s.highest.rater, total: roundStat(s.highest.total, POINTS) },
      lowest: s.lowest && { rater: s.lowest.rater, total: roundStat(s.lowest.total, POINTS) },
      flags: s.flags,
    })),
    outliers: r.outliers.map((o) => ({
      staffId: o.staffId,
      name: o.name,
      rater: o.rater,
      role: o.role,
      method: o.method,
      score: roundStat(o.score, 6),
      othersMedian: roundStat(o.othersMedian, POINTS),
      difference: roundStat(o.difference, POINTS),
      sds: roundStat(o.sds, POINTS),
    })),
    reliability: Object.fromEntries(
      RELIABILITY_KEYS.map((k) => {
        const x = r.reliability[k];
        return [k, { icc: roundStat(x.icc, COEFFICIENT), iccSingle: roundStat(x.iccSingle, COEFFICIENT), reading: x.reading, staff: x.n, raters: x.k }];
      }),
    ),
    thresholds: r.thresholds,
  };
  return reportJson(doc, seal);
}

function fixed(x: number | null, places: number, signed = false): string {
  if (x === null) return '—';
  const v = roundStat(x, places)!;
  const s = v.toFixed(places);
  return signed && v > 0 ? `+${s}` : s;
}

export function panelTable({ report: r, lang, color, width }: PanelRenderInput): string {
  const w = panelWords[lang];
  const base = words(lang);
  const c = painter(color);
  const h = w.head;
  const room = roomIn(width);
  const out: string[] = [];
  // Headings and notes folded to the terminal's width (whole in a file or a pipe).
  const heading = (text: string, paint: (s: string) => string) => pushAll(out, foldTo(text, room).map((l) => paint(l)));
  const flags = (ids: string[]) => base.list(ids.map((f) => w.flag[f] ?? f));
  heading(w.title(r.semester, r.staffCount, r.raters.length), c.bold);
  heading(w.thresholds(r.thresholds), c.dim);
  out.push('');

  heading(w.raters(partialRoles(r, lang)), c.bold);
  const raterRows: Cell[][] = r.raters.map((x) => [
    { text: base.rater(x.rater) },
    { text: x.role ? base.role[x.role] : w.noRole },
    { text: String(x.scored) },
    { text: fixed(x.mean, POINTS) },
    { text: fixed(x.sd, POINTS) },
    { text: fixed(x.leniency, POINTS, true) },
    { text: fixed(x.correlation, 2) },
    { text: x.identicalShare === null ? '—' : `${Math.round(x.identicalShare * 100)}%` },
    { text: flags(x.flags), bold: x.flags.length > 0 },
  ]);
  const raterAligns: Align[] = ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'];
  const raterHeader = [h.rater, h.role, h.scored, h.mean, h.sd, h.leniency, h.correlation, h.identical, h.flags];
  const fit = fitTable(raterHeader, raterRows, room, RATER_FITS);
  pushAll(out, layout(inTable(raterHeader, fit), raterRows.map((row) => inTable(row, fit)), inTable(raterAligns, fit), c, fit.gap));
  for (const l of listBelow(raterHeader, raterRows, fit, (k) => raterRows[k]![0]!.text, base, room)) out.push(c.bold(l));
  out.push('');

  heading(w.outliers(r.outliers.length, r.thresholds.outlierPoints, r.thresholds.outlierSd), c.bold);
  if (r.outliers.length === 0) out.push(`  ${w.none}`);
  else {
    const rows: Cell[][] = r.outliers.map((o) => [
      { text: o.staffId },
      { text: o.name },
      { text: base.rater(o.rater) },
      { text: base.method[o.method] },
      { text: String(roundStat(o.score, 6)) },
      { text: fixed(o.othersMedian, POINTS) },
      { text: fixed(o.difference, POINTS, true), bold: true },
      { text: fixed(o.sds, 1) },
    ]);
    pushAll(out, layout([h.staffId, h.name, h.rater, h.method, h.score, h.othersMedian, h.difference, h.sds], rows, ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right'], c));
  }
  out.push('');

  const high = r.staff.filter((s) => s.flags.includes('high-spread')).sort((a, b) => b.spread! - a.spread!);
  heading(w.spread(high.length, r.thresholds.spread), c.bold);
  const who = (s: (typeof r.staff)[number]) =>
    printable(w.spreadOf(`${s.staffId} ${s.name}`, `${base.rater(s.highest!.rater)} ${fixed(s.highest!.total, POINTS)}`, `${base.rater(s.lowest!.rater)} ${fixed(s.lowest!.total, POINTS)}`));
  if (high.length === 0) {
    const largest = r.staff.filter((s) => s.spread !== null).sort((a, b) => b.spread! - a.spread!)[0];
    out.push(`  ${largest ? w.largest(fixed(largest.spread, POINTS), who(largest)) : w.none}`);
  } else {
    const rows: Cell[][] = high.map((s) => [
      { text: s.staffId },
      { text: s.name },
      { text: fixed(s.spread, POINTS), bold: true },
      { text: `${base.rater(s.highest!.rater)} ${fixed(s.highest!.total, POINTS)}` },
      { text: `${base.rater(s.lowest!.rater)} ${fixed(s.lowest!.total, POINTS)}` },
    ]);
    pushAll(out, layout([h.staffId, h.name, h.spread, h.highest, h.lowest], rows, ['left', 'left', 'right', 'left', 'left'], c));
  }
  out.push('');

  heading(w.reliability, c.bold);
  const relRows: Cell[][] = RELIABILITY_KEYS.map((k) => {
    const x = r.reliability[k];
    return [
      { text: k === 'total' ? w.total : base.method[k] },
      { text: x.icc === null ? w.undefinedIcc : fixed(x.icc, 2) },
      { text: x.iccSingle === null ? w.undefinedIcc : fixed(x.iccSingle, 2) },
      { text: x.reading ? w.reading[x.reading]! : w.undefinedIcc, bold: x.reading === 'poor' },
      { text: String(x.n) },
      { text: String(x.k) },
    ];
  });
  pushAll(out, layout([h.scores, h.icc, h.iccSingle, h.reading, h.staff, h.ratersCount], relRows, ['left', 'right', 'right', 'left', 'right', 'right'], c));
  if (RELIABILITY_KEYS.some((k) => r.reliability[k].icc === null)) heading(w.undefinedNote, c.dim);
  return `${out.join('\n')}\n`;
}
