/**
 * The result notices (个人考评结果通知单): one A4 page per staff member, in staff id order, each an
 * element `<section class="notice" data-staff-id="...">`. A notice shows only its person: their
 * five method values beside the center's means (a chart and a table), total, grade, rank out of N,
 * the semester's reward or penalty with its amount and due date, the year outcome when both
 * semesters are given, the committee and an acknowledgement line. No other staff member is named.
 */
import type { Policy } from '../../core/policy.js';
import type { SemesterReport, StaffResult } from '../../core/report.js';
import { byCodePoint } from '../../core/report.js';
import { type Method, METHODS, ROLES } from '../../core/types.js';
import { type Half, type YearOutcome, semesterDue } from '../../core/year.js';
import { type Lang, words } from '../../i18n/index.js';
import { reportWords } from '../../i18n/report.js';
import { wordsOfYear } from '../../i18n/year.js';
import { outcomeWords, yesNo } from '../year.js';
import { type EChartsLib, drawSvg, noticeChart } from './charts.js';
import { attr, h, page, table } from './html.js';
import { type MemberLine, halfOf, heading, isConsensus, unionMembers } from './report.js';
import { type SemesterStats, semesterStats } from './stats.js';

export interface NoticesInput {
  lang: Lang;
  policy: Policy;
  center: string | null;
  /** One semester, or H1 then H2 of one year. */
  reports: SemesterReport[];
  /** With both semesters of a year: everyone's year outcome, by staff id. */
  year: { year: number; outcomes: YearOutcome[] } | null;
  committees: MemberLine[][];
}

/** One person's notice: their result in each semester of the document (null: not scored). */
export interface NoticePerson {
  staffId: string;
  name: string;
  post: string;
  results: (StaffResult | null)[];
  outcome: YearOutcome | null;
}

/** Everyone who gets a notice, in staff id order (code points). */
export function noticePeople(input: NoticesInput): NoticePerson[] {
  if (input.year) {
    return input.year.outcomes.map((o) => ({
      staffId: o.staffId,
      name: o.name,
      post: o.post,
      results: input.reports.map((r) => (halfOf(r.semester) === 'h1' ? o.h1 : o.h2)),
      outcome: o,
    }));
  }
  const r = input.reports[0]!;
  return [...r.staff]
    .sort((a, b) => byCodePoint(a.staffId, b.staffId))
    .map((s) => ({ staffId: s.staffId, name: s.name, post: s.post, results: [s], outcome: null }));
}

interface Context {
  input: NoticesInput;
  stats: SemesterStats[];
  ec: EChartsLib;
  committee: string;
}

export function noticeContext(input: NoticesInput, ec: EChartsLib): Context {
  const w = words(input.lang);
  const rw = reportWords[input.lang];
  const members = unionMembers(input.committees);
  let committee: string;
  if (members.length === 0 && input.committees.some(isConsensus)) committee = rw.consensusCommittee;
  else {
    const parts: string[] = [];
    for (const role of [...ROLES, null]) {
      const names = members.filter((m) => m.role === role).map((m) => m.rater);
      if (names.length) parts.push(`${role ? w.role[role] : rw.noRoleName} ${names.join(input.lang === 'zh' ? '、' : ', ')}`);
    }
    committee = parts.join(input.lang === 'zh' ? '；' : '; ');
  }
  return { input, stats: input.reports.map(semesterStats), ec, committee };
}

/** What the semester's grade brings: the reward or the penalty with its amount and due date. */
function consequenceText(s: StaffResult, outcome: YearOutcome | null, half: Half, lang: Lang): string {
  const rw = reportWords[lang];
  const c = s.consequence;
  const amountText = (v: number | null) => (v === null ? rw.amountPending : words(lang).currency(v));
  switch (s.grade) {
    case 'excellent':
      return rw.consequence.excellent(amountText(c.reward));
    case 'good':
      return rw.consequence.good(amountText(c.reward));
    case 'qualified':
      return rw.consequence.qualified;
    case 'unqualified':
      {
        // At year end non-renewal replaces H2's rectification (null: said in words).
        const due = semesterDue(s, half, outcome ?? undefined);
        return rw.consequence.unqualified(amountText(c.penalty), due === 'non-renewal' ? null : due);
      }
  }
}

function semesterBlock(ctx: Context, person: NoticePerson, i: number, width: number): string {
  const { input } = ctx;
  const { lang, policy } = input;
  const w = words(lang);
  const rw = reportWords[lang];
  const r = input.reports[i]!;
  const s = person.results[i] ?? null;
  const title = `<h3>${h(rw.semester(r.semester))}</h3>\n`;
  if (!s) return `<div>${title}<p>${h(rw.notScored)}</p>\n</div>\n`;
  const stats = ctx.stats[i]!;
  const yours = {} as Record<Method, { value: number; text: string }>;
  const means = {} as Record<Method, { value: number; text: string }>;
  for (const [k, m] of METHODS.entries()) {
    yours[m] = { value: s.methodValue(k).toNumber(2), text: s.methodValue(k).toFixed(2) };
    means[m] = { value: stats.methodMeans[m].toNumber(2), text: stats.methodMeans[m].toFixed(2) };
  }
  const chart = drawSvg(ctx.ec, noticeChart(r.semester, yours, means, policy, lang, width));
  const rows = METHODS.map((m) => [h(w.method[m]), h(yours[m].text), h(means[m].text), String(policy.methods[m].max)]);
  rows.push([`<td><b>${h(rw.totalLine)}</b></td>`, `<td class="n"><b>${h(s.total.toFixed(policy.precision))}</b></td>`, h(stats.totalMean.toFixed(2)), '100']);
  const methods = table('methods', [rw.head.method, rw.head.yours, rw.head.mean, rw.head.max].map(h), rows, { numeric: [1, 2, 3], widths: ['31%', '23%', '25%', '21%'] });
  const post = r.groupBy === 'post' ? (s.post === '' ? rw.noPost : s.post) : null;
  const result =
    `<dl class="result">\n<dt>${h(rw.totalLine)}</dt><dd><b>${h(s.total.toFixed(policy.precision))}</b></dd>\n` +
    `<dt>${h(rw.gradeLine)}</dt><dd class="g-${s.grade}">${h(w.grade[s.grade])}</dd>\n` +
    `<dt>${h(rw.rankLine)}</dt><dd>${h(rw.rank(s.rank, s.rankOf, post, sharesRank(r, s)))}</dd>\n` +
    `<dt>${h(rw.outcomeLine)}</dt><dd>${h(consequenceText(s, person.outcome, halfOf(r.semester), lang))}</dd>\n</dl>\n`;
  return `<div>${title}<figure>${chart}</figure>\n${methods}${result}</div>\n`;
}

/** Per report, the ranks two people or more share (with the post, where it ranks by post). */
const tiedRanks = new WeakMap<SemesterReport, Set<string>>();

/** Whether someone else of the report (of the same post, where it ranks by post) has this rank: a tie. */
function sharesRank(r: SemesterReport, s: StaffResult): boolean {
  const key = (x: StaffResult) => (r.groupBy === 'post' ? `${x.post}\u0000${x.rank}` : String(x.rank));
  let tied = tiedRanks.get(r);
  if (tied === undefined) {
    const seen = new Set<string>();
    tied = new Set<string>();
    for (const x of r.staff) (seen.has(key(x)) ? tied : seen).add(key(x));
    tiedRanks.set(r, tied);
  }
  return tied.has(key(s));
}

function yearBlock(ctx: Context, o: YearOutcome, year: number): string {
  const { lang } = ctx.input;
  const w = words(lang);
  const rw = reportWords[lang];
  const yw = wordsOfYear(lang);
  const total = (v: number | null) => (v === null ? rw.amountPending : w.currency(v));
  const decided = outcomeWords(o, yw) || rw.noYearDecision;
  const bonus = o.annualBonusDue ? total(o.annualBonus) : o.status === 'incomplete' ? yw.undecided : yw.no;
  return (
    `<div class="keep">\n<h3>${h(rw.yearOutcome(year))}</h3>\n<dl class="result">\n` +
    `<dt>${h(rw.yearDecision)}</dt><dd><b>${h(decided)}</b></dd>\n` +
    `<dt>${h(rw.awardCandidate)}</dt><dd>${h(yesNo(o.awardCandidate, yw))}</dd>\n` +
    `<dt>${h(rw.nonRenewal)}</dt><dd>${h(yesNo(o.nonRenewal, yw))}</dd>\n` +
    `<dt>${h(rw.annualBonus)}</dt><dd>${h(bonus)}</dd>\n` +
    `<dt>${h(rw.rewardTotal)}</dt><dd>${h(total(o.rewardTotal))}</dd>\n` +
    `<dt>${h(rw.penaltyTotal)}</dt><dd>${h(total(o.penaltyTotal))}</dd>\n</dl>\n</div>\n`
  );
}

/** One person's notice: a `<section class="notice" data-staff-id>`, one printed page. */
export function noticeSection(ctx: Context, person: NoticePerson): string {
  const { input } = ctx;
  const rw = reportWords[input.lang];
  const semesters = input.reports.map((r) => r.semester);
  const two = input.reports.length > 1;
  const blocks = input.reports.map((_, i) => semesterBlock(ctx, person, i, two ? 330 : 680));
  const who =
    `<div class="who"><div>${h(rw.person.name)}${h(input.lang === 'zh' ? '：' : ': ')}<b>${h(person.name)}</b></div>` +
    `<div>${h(rw.person.staffId)}${h(input.lang === 'zh' ? '：' : ': ')}<b>${h(person.staffId)}</b></div>` +
    `<div>${h(rw.person.post)}${h(input.lang === 'zh' ? '：' : ': ')}<b>${h(person.post === '' ? rw.noPost : person.post)}</b></div></div>\n`;
  const colon = input.lang === 'zh' ? '：' : ': ';
  return (
    `<section class="notice" data-staff-id="${attr(person.staffId)}">\n` +
    heading(rw.noticeTitle, input.center, semesters, input.year?.year ?? null, input.lang) +
    who +
    (two ? `<div class="pair">\n${blocks.join('')}</div>\n` : blocks.join('')) +
    (input.year && person.outcome ? yearBlock(ctx, person.outcome, input.year.year) : '') +
    `<p class="committee">${h(`${rw.committeeLine}${colon}${ctx.committee}`)}</p>\n` +
    `<div class="ack"><span>${h(`${rw.acknowledge} ${rw.signatureLabel}${colon}`)}</span><span class="line"></span>` +
    `<span>${h(`${rw.dateLabel}${colon}`)}</span><span class="line"></span></div>\n` +
    `</section>\n`
  );
}

function documentTitle(input: NoticesInput, person: NoticePerson | null): string {
  const rw = reportWords[input.lang];
  const period = rw.period(
    input.reports.map((r) => rw.semester(r.semester)),
    input.year?.year ?? null,
  );
  return [input.center, rw.noticeTitle, period, person ? `${person.staffId} ${person.name}` : null].filter((x): x is string => !!x).join(' ');
}

/** Every notice in one document, a page each. */
export function noticesHtml(input: NoticesInput, ec: EChartsLib): string {
  const ctx = noticeContext(input, ec);
  return page(input.lang, documentTitle(input, null), noticePeople(input).map((p) => noticeSection(ctx, p)).join(''));
}

/** One document per staff member (for --out-dir), in staff id order. */
export function noticeDocuments(input: NoticesInput, ec: EChartsLib): { staffId: string; html: string }[] {
  const ctx = noticeContext(input, ec);
  return noticePeople(input).map((p) => ({ staffId: p.staffId, html: page(input.lang, documentTitle(input, p), noticeSection(ctx, p)) }));
}
