/**
 * The committee's report (SPEC "Report and notices"): one self-contained HTML document, printable
 * on A4, with these sections in order, each an element with its id: summary, ranking,
 * consequences, year (both semesters of a year only), panel, signatures, appendix. With two
 * semesters, ranking, consequences and panel hold one block per semester (`ranking-2026-H1`, ...).
 */
import { COMMITTEE, committeeDifferences } from '../../core/committee-rules.js';
import { type PanelReport, RELIABILITY_KEYS, roundStat } from '../../core/panel.js';
import type { Policy } from '../../core/policy.js';
import type { SemesterReport, StaffResult } from '../../core/report.js';
import { addDays, evaluationDate } from '../../core/rules.js';
import { type Problem, type Role, CONSENSUS_RATER, GRADES, METHODS, ROLES } from '../../core/types.js';
import { type Half, type YearOutcome, semesterDue, sumAmounts, yearCategory } from '../../core/year.js';
import { type Lang, words } from '../../i18n/index.js';
import { panelWords } from '../../i18n/panel.js';
import { type ReportWords, reportWords } from '../../i18n/report.js';
import { wordsOfYear } from '../../i18n/year.js';
import { outcomeWords, yearFooter } from '../year.js';
import { type Chart, type EChartsLib, distributionChart, drawSvg, gradeChart, methodChart, postChart } from './charts.js';
import { h, page, table } from './html.js';
import { binEdges, semesterStats } from './stats.js';

/** A committee member found in the sheets (results.ts `Member`). */
export interface MemberLine {
  rater: string;
  role: Role | null;
}

/** One input file as the appendix lists it (results.ts `InputFile`). */
export interface InputLine {
  file: string;
  kind: 'sheet' | 'roster';
  sha256: string;
  bytes: number;
  rows: number;
}

export interface ReportInput {
  lang: Lang;
  policy: Policy;
  policyFile: string | null;
  /** --center: the center's name for the heading. */
  center: string | null;
  /** One semester, or H1 then H2 of one year. */
  reports: SemesterReport[];
  /** With both semesters of a year: everyone's year outcome, by staff id. */
  year: { year: number; outcomes: YearOutcome[] } | null;
  /** The panel statistics of each semester, in the order of `reports`. */
  panels: PanelReport[];
  /** The committee found in the sheets of each semester, in the order of `reports`. */
  committees: MemberLine[][];
  inputs: InputLine[];
  warnings: Problem[];
  version: string;
}

export function halfOf(semester: string): Half {
  return semester.endsWith('-H2') ? 'h2' : 'h1';
}

export function evaluationDay(semester: string): string {
  return addDays(evaluationDate(semester), 0);
}

/** An amount for people: the currency, or "(not set)" where the policy leaves it unset. */
export function amountText(value: number | null, rw: ReportWords, lang: Lang): string {
  return value === null ? rw.unset : words(lang).currency(value);
}

/** The amounts' total, with how many are unset; null where none is set (a total of ¥0 would be signed as one). */
function sumOf(values: readonly (number | null)[], rw: ReportWords, lang: Lang): string | null {
  const { sum, unset } = sumAmounts(values);
  if (sum === null) return null;
  const text = words(lang).currency(sum);
  return unset > 0 ? rw.sumUnset(text, unset) : text;
}

function gradeCell(s: StaffResult, lang: Lang): string {
  return `<td class="g-${s.grade}">${h(words(lang).grade[s.grade])}</td>`;
}

/** The document's heading: the center, the title, the period and the evaluation dates. */
export function heading(title: string, center: string | null, semesters: string[], year: number | null, lang: Lang): string {
  const rw = reportWords[lang];
  const names = semesters.map((s) => rw.semester(s));
  return (
    `<header class="doc">\n${center ? `<p class="center">${h(center)}</p>\n` : ''}<h1>${h(title)}</h1>\n` +
    `<p class="sub">${h(rw.period(names, year))} · ${h(rw.evaluatedOn(semesters.map(evaluationDay)))}</p>\n</header>\n`
  );
}

function summary(input: ReportInput, ec: EChartsLib): string {
  const { lang, policy, reports } = input;
  const w = words(lang);
  const rw = reportWords[lang];
  const p = policy.precision;
  const stats = reports.map(semesterStats);
  const head = [rw.head.semester, rw.figures.staff, rw.figures.raters, rw.figures.mean, rw.figures.highest, rw.figures.lowest, ...GRADES.map((g) => w.grade[g])].map(h);
  const rows = reports.map((r, i) => {
    const s = stats[i]!;
    return [
      h(rw.semester(r.semester)),
      String(s.staff),
      String(r.raters),
      h(s.totalMean.toFixed(2)),
      s.highest ? h(s.highest.toFixed(p)) : '',
      s.lowest ? h(s.lowest.toFixed(p)) : '',
      ...GRADES.map((g) => `<td class="n g-${g}">${r.gradeCounts[g]}</td>`),
    ];
  });
  const posts = new Set(stats.flatMap((s) => s.posts.map((x) => x.post))).size;
  const postsChart = postChart(stats, policy, lang, posts > 8 ? 690 : 340);
  const figure = (c: Chart, caption: string, wide = false) => `<figure${wide ? ' class="wide"' : ''}><figcaption>${h(caption)}</figcaption>\n${drawSvg(ec, c)}\n</figure>\n`;
  return (
    `<section id="summary">\n<h2>${h(rw.section.summary)}</h2>\n` +
    table('summary', head, rows, { numeric: [1, 2, 3, 4, 5, 6, 7, 8, 9], widths: ['13%', '7.5%', '7.5%', '8.5%', '9%', '9%', '11.375%', '11.375%', '11.375%', '11.375%'] }) +
    `<div class="charts">\n` +
    figure(gradeChart(reports, lang), rw.chart.grades) +
    figure(distributionChart(reports, binEdges(reports, policy), policy, lang), rw.chart.distribution) +
    figure(methodChart(stats, policy, lang), rw.chart.methods) +
    figure(postsChart, rw.chart.posts, posts > 8) +
    `</div>\n</section>\n`
  );
}

/**
 * A person's rectification due date in a semester as a table cell's HTML: the semester's own (kept
 * on one line), or at year end the year's decision (non-renewal replaces H2's, said in words).
 */
function dueCell(s: StaffResult, half: Half, outcome: YearOutcome | undefined, rw: ReportWords): string {
  const due = semesterDue(s, half, outcome);
  return due === 'non-renewal' ? h(rw.nonRenewalInstead) : due === null ? '' : `<span class="date">${h(due)}</span>`;
}

/** The year's outcome of each person by staff id (empty without a year). */
function outcomesOf(input: ReportInput): Map<string, YearOutcome> {
  return new Map((input.year?.outcomes ?? []).map((o) => [o.staffId, o]));
}

/** The `score` table of one semester: rank, person, the five methods, total, grade, amounts, due date. */
function rankingTable(r: SemesterReport, lang: Lang, precision: number, outcomes: Map<string, YearOutcome>): string {
  const w = words(lang);
  const rw = reportWords[lang];
  const head = [rw.head.rank, rw.head.staffId, rw.head.name, rw.head.post, ...METHODS.map((m) => w.method[m]), rw.head.total, rw.head.grade, rw.head.reward, rw.head.penalty, rw.head.rectifyBy].map(h);
  const money = (due: boolean, v: number | null) => (due ? h(amountText(v, rw, lang)) : '');
  const row = (s: StaffResult) => [
    String(s.rank),
    h(s.staffId),
    h(s.name),
    h(s.post),
    ...METHODS.map((_, k) => s.methodValue(k).toFixed(2)),
    `<td class="n"><b>${h(s.total.toFixed(precision))}</b></td>`,
    gradeCell(s, lang),
    money(s.consequence.rewardDue, s.consequence.reward),
    money(s.consequence.penaltyDue, s.consequence.penalty),
    dueCell(s, halfOf(r.semester), outcomes.get(s.staffId), rw),
  ];
  const rows: string[][] = [];
  let post: string | null = null;
  for (const s of r.staff) {
    if (r.groupBy === 'post' && s.post !== post) {
      post = s.post;
      const n = r.staff.filter((x) => x.post === s.post).length;
      rows.push([`<th colspan="14">${h(rw.postHeading(s.post === '' ? rw.noPost : s.post, n))}</th>`]);
    }
    rows.push(row(s));
  }
  const html = table('ranking', head, rows, {
    numeric: [0, 4, 5, 6, 7, 8, 9, 11, 12],
    widths: ['5.5%', '7%', '9%', '8%', '5.8%', '5.8%', '5.8%', '5.8%', '5.8%', '6.5%', '10%', '7.5%', '7.5%', '10%'],
  });
  return html.replace(/<tr><th colspan="14">/g, '<tr class="post"><th colspan="14">');
}

function ranking(input: ReportInput): string {
  const rw = reportWords[input.lang];
  const outcomes = outcomesOf(input);
  const blocks = input.reports.map(
    (r, i) =>
      `<div id="ranking-${r.semester}"${i > 0 ? ' class="page"' : ''}>\n<h3>${h(rw.rankingOf(rw.semester(r.semester), r.staff.length, r.raters))}</h3>\n` +
      `${r.groupBy === 'post' ? `<p class="note">${h(rw.rankedWithinPost)}</p>\n` : ''}${rankingTable(r, input.lang, input.policy.precision, outcomes)}</div>\n`,
  );
  return `<section id="ranking" class="page">\n<h2>${h(rw.section.ranking)}</h2>\n${blocks.join('')}</section>\n`;
}

function consequences(input: ReportInput): string {
  const { lang, policy } = input;
  const rw = reportWords[lang];
  const p = policy.precision;
  const outcomeOf = outcomesOf(input);
  const blocks = input.reports.map((r) => {
    const sem = rw.semester(r.semester);
    const half = halfOf(r.semester);
    const rewarded = r.staff.filter((s) => s.consequence.rewardDue);
    const penalized = r.staff.filter((s) => s.consequence.penaltyDue);
    const qualified = r.staff.filter((s) => !s.consequence.rewardDue && !s.consequence.penaltyDue).length;
    const person = (s: StaffResult) => [h(s.staffId), h(s.name), h(s.post), `<td class="n">${h(s.total.toFixed(p))}</td>`, gradeCell(s, lang)];
    const head = [rw.head.staffId, rw.head.name, rw.head.post, rw.head.total, rw.head.grade].map(h);
    const widths = ['11%', '15%', '14%', '10%', '13%'];
    const due = (s: StaffResult) => dueCell(s, half, outcomeOf.get(s.staffId), rw);
    return (
      `<div id="consequences-${r.semester}" class="keep">\n` +
      `<h3>${h(rw.rewardsOf(sem, rewarded.length, sumOf(rewarded.map((s) => s.consequence.reward), rw, lang)))}</h3>\n` +
      (rewarded.length
        ? table('rewards', [...head, h(rw.head.reward)], rewarded.map((s) => [...person(s), `<td class="n">${h(amountText(s.consequence.reward, rw, lang))}</td>`]), {
            widths: [...widths, '37%'],
          })
        : `<p>${h(rw.nobody)}</p>\n`) +
      `<h3>${h(rw.penaltiesOf(sem, penalized.length, sumOf(penalized.map((s) => s.consequence.penalty), rw, lang)))}</h3>\n` +
      (penalized.length
        ? table(
            'penalties',
            [...head, h(rw.head.penalty), h(rw.head.rectifyBy)],
            penalized.map((s) => [...person(s), `<td class="n">${h(amountText(s.consequence.penalty, rw, lang))}</td>`, due(s)]),
            { widths: [...widths, '14%', '23%'] },
          )
        : `<p>${h(rw.nobody)}</p>\n`) +
      `<p>${h(rw.qualifiedOf(qualified))}</p>\n</div>\n`
    );
  });
  return `<section id="consequences" class="page">\n<h2>${h(rw.section.consequences)}</h2>\n${blocks.join('')}</section>\n`;
}

function yearSection(input: ReportInput, year: { year: number; outcomes: YearOutcome[] }): string {
  const { lang } = input;
  const w = words(lang);
  const rw = reportWords[lang];
  const yw = wordsOfYear(lang);
  const p = input.policy.precision;
  const o = year.outcomes;
  const [counts, money] = yearFooter(o, yw);
  const cls = { award: 'g-excellent', 'non-renewal': 'g-unqualified', rectification: 'g-qualified', incomplete: 'note', other: '' } as const;
  const half = (s: StaffResult | null) =>
    s ? [`<td class="n">${h(s.total.toFixed(p))}</td>`, gradeCell(s, lang)] : [`<td class="note">${h(yw.notScored)}</td>`, ''];
  const rows = o.map((x) => [
    h(x.staffId),
    h(x.name),
    h(x.post),
    ...half(x.h1),
    ...half(x.h2),
    `<td class="${cls[yearCategory(x)]}">${h(outcomeWords(x, yw) || rw.noYearDecisionShort)}</td>`,
    `<td class="n">${h(x.rewardTotal === null ? rw.unset : x.rewardTotal === 0 ? '' : w.currency(x.rewardTotal))}</td>`,
    `<td class="n">${h(x.penaltyTotal === null ? rw.unset : x.penaltyTotal === 0 ? '' : w.currency(x.penaltyTotal))}</td>`,
  ]);
  const head = [rw.head.staffId, rw.head.name, rw.head.post, yw.head.h1Total, yw.head.h1Grade, yw.head.h2Total, yw.head.h2Grade, yw.head.outcome, yw.head.rewards, yw.head.penalties].map(h);
  return (
    `<section id="year" class="page">\n<h2>${h(rw.yearHeading(year.year))}</h2>\n<p>${h(counts)}</p>\n<p>${h(money)}</p>\n` +
    table('year', head, rows, { widths: ['7%', '9%', '8%', '6.5%', '12%', '6.5%', '12%', '21%', '9%', '9%'] }) +
    `</section>\n`
  );
}

function fixed(x: number | null, places: number, signed = false): string {
  if (x === null) return '—';
  const v = roundStat(x, places)!;
  const s = v.toFixed(places);
  return signed && v > 0 ? `+${s}` : s;
}

/** The outlier scores a report lists (a committee signs it: all of them but in a degenerate case; the note then says where the rest are). */
const OUTLIERS_SHOWN = 60;

function panelBlock(r: PanelReport, lang: Lang, first: boolean): string {
  const pw = panelWords[lang];
  const w = words(lang);
  const rw = reportWords[lang];
  const flags = (ids: string[]) => words(lang).list(ids.map((f) => pw.flag[f] ?? f));
  const ph = pw.head;
  const raters = table(
    'raters',
    [ph.rater, ph.role, ph.scored, ph.mean, ph.sd, ph.leniency, ph.correlation, ph.flags].map(h),
    r.raters.map((x) => [
      h(words(lang).rater(x.rater)),
      h(x.role ? w.role[x.role] : pw.noRole),
      String(x.scored),
      h(fixed(x.mean, 2)),
      h(fixed(x.sd, 2)),
      h(fixed(x.leniency, 2, true)),
      h(fixed(x.correlation, 2)),
      x.flags.length ? `<td class="warn">${h(flags(x.flags))}</td>` : '',
    ]),
    { numeric: [2, 3, 4, 5, 6], widths: ['17%', '16%', '9%', '10%', '9%', '10%', '9%', '20%'] },
  );
  const reliability = table(
    'reliability',
    [ph.scores, ph.icc, ph.iccSingle, ph.reading, ph.staff, ph.ratersCount].map(h),
    RELIABILITY_KEYS.map((k) => {
      const x = r.reliability[k];
      return [
        h(k === 'total' ? pw.total : w.method[k]),
        h(x.icc === null ? pw.undefinedIcc : fixed(x.icc, 2)),
        h(x.iccSingle === null ? pw.undefinedIcc : fixed(x.iccSingle, 2)),
        x.reading ? `<td${x.reading === 'poor' ? ' class="warn"' : ''}>${h(pw.reading[x.reading]!)}</td>` : h(pw.undefinedIcc),
        String(x.n),
        String(x.k),
      ];
    }),
    { numeric: [1, 2, 4, 5], widths: ['20%', '16%', '16%', '18%', '15%', '15%'] },
  );
  const shown = r.outliers.slice(0, OUTLIERS_SHOWN);
  const outliers =
    `<h4>${h(pw.outliers(r.outliers.length, r.thresholds.outlierPoints, r.thresholds.outlierSd))}</h4>\n` +
    (shown.length
      ? `${rw.outliersList(shown.length, r.outliers.length) ? `<p class="note">${h(rw.outliersList(shown.length, r.outliers.length))}</p>\n` : ''}` +
        table(
          'outliers',
          [ph.staffId, ph.name, ph.rater, ph.method, ph.score, ph.othersMedian, ph.difference].map(h),
          shown.map((o) => [h(o.staffId), h(o.name), h(words(lang).rater(o.rater)), h(w.method[o.method]), h(String(roundStat(o.score, 6))), h(fixed(o.othersMedian, 2)), h(fixed(o.difference, 2, true))]),
          { numeric: [4, 5, 6], widths: ['12%', '16%', '18%', '12%', '13%', '14%', '15%'] },
        )
      : '')
  ;
  const high = r.staff.filter((s) => s.flags.includes('high-spread')).sort((a, b) => b.spread! - a.spread!);
  const spread =
    `<h4>${h(pw.spread(high.length, r.thresholds.spread))}</h4>\n` +
    (high.length ? `<p>${h(high.map((s) => `${s.staffId} ${s.name} ${fixed(s.spread, 2)}`).join(', '))}</p>\n` : '');
  return (
    `<div id="panel-${r.semester}"${first ? '' : ' class="page"'}>\n<h3>${h(pw.title(r.semester, r.staffCount, r.raters.length))}</h3>\n` +
    `<p class="note">${h(pw.thresholds(r.thresholds))}</p>\n${raters}<h4>${h(pw.reliability)}</h4>\n${reliability}` +
    `${RELIABILITY_KEYS.some((k) => r.reliability[k].icc === null) ? `<p class="note">${h(pw.undefinedNote)}</p>\n` : ''}${outliers}${spread}</div>\n`
  );
}

function panel(input: ReportInput): string {
  const rw = reportWords[input.lang];
  return `<section id="panel" class="page">\n<h2>${h(rw.section.panel)}</h2>\n${input.panels.map((p, i) => panelBlock(p, input.lang, i === 0)).join('')}</section>\n`;
}

/** Whether the sheets are the committee's agreed scores (one rater, `committee`, no role). */
export function isConsensus(members: MemberLine[]): boolean {
  return members.length === 1 && members[0]!.rater === CONSENSUS_RATER && members[0]!.role === null;
}

/** The members of all semesters, each once, in committee order (roles, then no role). */
export function unionMembers(committees: MemberLine[][]): MemberLine[] {
  const seen = new Set<string>();
  const out: MemberLine[] = [];
  for (const role of [...ROLES, null]) {
    for (const c of committees) {
      for (const m of c) {
        if (m.role !== role || seen.has(m.rater) || isConsensus([m])) continue;
        seen.add(m.rater);
        out.push(m);
      }
    }
  }
  return out;
}

/** The composition check of one semester against the rules (core/committee-rules.ts), in words. */
export function compositionLine(semester: string, members: MemberLine[], lang: Lang): { ok: boolean; text: string } {
  const rw = reportWords[lang];
  const w = words(lang);
  const sem = rw.semester(semester);
  if (isConsensus(members)) return { ok: true, text: rw.composition.consensus(sem) };
  const differences = committeeDifferences((role) => members.filter((m) => m.role === role).length, members.filter((m) => m.role === null).length);
  const parts = differences.map((d) => rw.composition.part(d.role === 'none' ? rw.composition.noRole : w.role[d.role], d.found, d.expected));
  return parts.length ? { ok: false, text: rw.composition.differs(sem, parts) } : { ok: true, text: rw.composition.ok(sem) };
}

function signatures(input: ReportInput): string {
  const { lang } = input;
  const rw = reportWords[lang];
  const w = words(lang);
  const members = unionMembers(input.committees);
  const consensus = input.committees.some(isConsensus);
  // A consensus sheet names nobody: one blank line per member the rules ask for.
  const blanks: MemberLine[] = consensus && members.length === 0 ? ROLES.flatMap((role) => Array.from({ length: COMMITTEE[role] }, () => ({ rater: '', role }))) : [];
  const lines = [...members, ...blanks];
  const checks = input.reports.map((r, i) => compositionLine(r.semester, input.committees[i] ?? [], lang));
  return (
    `<section id="signatures" class="keep">\n<h2>${h(rw.section.signatures)}</h2>\n<p>${h(rw.signaturesIntro)}</p>\n` +
    checks.map((c) => `<p class="${c.ok ? 'note' : 'warn'}">${h(c.text)}</p>\n`).join('') +
    table(
      'sign',
      [rw.head.role, rw.head.name, rw.head.signature, rw.head.date].map(h),
      lines.map((m) => [h(m.role ? w.role[m.role] : rw.noRoleName), h(m.rater), '', '']),
      { widths: ['20%', '22%', '36%', '22%'] },
    ) +
    `</section>\n`
  );
}

/** The policy in words, one line per rule. */
export function policyLines(policy: Policy, lang: Lang): [string, string][] {
  const rw = reportWords[lang];
  const w = words(lang);
  const t = rw.policyText;
  const money = (v: number | null) => (v === null ? rw.amountUnset : w.currency(v));
  const total = METHODS.reduce((s, m) => s + policy.methods[m].max, 0);
  const methods = METHODS.map((m) => {
    const mp = policy.methods[m];
    const notes: string[] = [];
    if (mp.roles.length !== ROLES.length || !ROLES.every((r) => mp.roles.includes(r))) notes.push(t.onlyRoles(mp.roles.map((r) => w.role[r])));
    if (mp.scale !== mp.max) notes.push(t.scale(mp.scale));
    return `${w.method[m]} ${mp.max}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  });
  const aggregation =
    policy.aggregation === 'trimmed'
      ? t.trimmed(policy.trimMinScores)
      : policy.aggregation === 'weighted'
        ? t.weighted(ROLES.map((r) => `${w.role[r]} ${policy.roleWeights[r]}`))
        : policy.aggregation === 'median'
          ? t.median
          : t.mean;
  return [
    [rw.policy.methods, t.methodList(methods, String(Number(total.toFixed(6))))],
    [rw.policy.aggregation, aggregation],
    [rw.policy.rounding, t.rounding(policy.precision)],
    [rw.policy.grades, t.bands(policy.bands)],
    [rw.policy.rewards, t.rewards(money(policy.amounts.excellent), money(policy.amounts.good))],
    [rw.policy.penalty, t.penalty(money(policy.amounts.penalty), policy.rectificationDays)],
    [rw.policy.year, t.year(money(policy.amounts.annualBonus))],
    [rw.policy.panel, t.panel(policy.panel)],
  ];
}

function appendix(input: ReportInput): string {
  const rw = reportWords[input.lang];
  const dl = policyLines(input.policy, input.lang)
    .map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`)
    .join('\n');
  const files = table(
    'inputs',
    [rw.head.file, rw.head.kind, rw.head.rows, rw.head.bytes, rw.head.sha256].map(h),
    input.inputs.map((f) => [h(f.file), h(rw.kind[f.kind]), String(f.rows), String(f.bytes), `<td class="hash">${h(f.sha256)}</td>`]),
    { numeric: [2, 3], widths: ['30%', '10%', '8%', '10%', '42%'] },
  );
  const warnings = input.warnings.length
    ? `<h3>${h(rw.warningsTitle(input.warnings.length))}</h3>\n<ul class="warnings">\n${input.warnings
        .map((p) => `<li>${h(`${p.file}:${p.line}${p.column !== undefined ? `:${p.column}` : ''}: ${p.message}`)}</li>`)
        .join('\n')}\n</ul>\n`
    : '';
  return (
    `<section id="appendix" class="page">\n<h2>${h(rw.section.appendix)}</h2>\n<h3>${h(rw.policyTitle)}</h3>\n<p class="note">${h(rw.policySource(input.policyFile))}</p>\n` +
    `<dl class="policy">\n${dl}\n</dl>\n<h3>${h(rw.inputsTitle)}</h3>\n${files}${warnings}<p class="note">${h(rw.tool(input.version))}</p>\n</section>\n`
  );
}

/** The whole report as one HTML document. */
export function reportHtml(input: ReportInput, ec: EChartsLib): string {
  const rw = reportWords[input.lang];
  const semesters = input.reports.map((r) => r.semester);
  const title = `${input.center ? `${input.center} ` : ''}${rw.reportTitle} ${rw.period(semesters.map(rw.semester), input.year?.year ?? null)}`;
  const body =
    heading(rw.reportTitle, input.center, semesters, input.year?.year ?? null, input.lang) +
    summary(input, ec) +
    ranking(input) +
    consequences(input) +
    (input.year ? yearSection(input, input.year) : '') +
    panel(input) +
    signatures(input) +
    appendix(input);
  return page(input.lang, title, body);
}
