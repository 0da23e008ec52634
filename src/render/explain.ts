/** Rendering one explanation: readable text (en/zh) and json with the same content as data. */
import type { ExactValue, Explanation, MethodExplanation } from '../core/explain.js';
import type { Rational } from '../core/rational.js';
import { METHODS, ROLES } from '../core/types.js';
import { type Lang, words } from '../i18n/index.js';
import { explainWords } from '../i18n/explain.js';
import { type Align, type Cell, layout, painter, pushAll } from './table.js';
import { displayWidth } from './width.js';
import { printable } from './format.js';

export interface ExplainRenderInput {
  ex: Explanation;
  policyFile: string | null;
  lang: Lang;
  color: boolean;
}

function decimal(r: Rational): string {
  return r.toExactDecimal() ?? r.toFixed(6);
}

/** A total as people read it: with exactly `precision` decimals where that is exact (92.0), else all of them. */
function totalText(r: Rational, precision: number): string {
  const d = r.toExactDecimal();
  if (d === null) return r.toFixed(6);
  const places = d.includes('.') ? d.length - d.indexOf('.') - 1 : 0;
  return places <= precision ? r.toFixed(precision) : d;
}

function num(r: Rational): number {
  return Number(r.n) / Number(r.d);
}

function methodLine(m: MethodExplanation, trimMinScores: number, lang: Lang): { formula: string; note: string | null } {
  const w = explainWords[lang];
  let formula: string;
  if (m.sorted) {
    formula = `${w.medianOf(words(lang).list(m.sorted.map(decimal)))} = ${m.onScale.text}`;
  } else {
    const kept = m.scores.filter((s) => s.dropped === null);
    const weighted = kept.some((s) => s.weight.cmp(kept[0]!.weight) !== 0 || s.weight.n !== 1n || s.weight.d !== 1n);
    const terms = kept.map((s) => (weighted ? `${decimal(s.weight)}×${decimal(s.score)}` : decimal(s.score)));
    formula = kept.length === 1 ? m.onScale.text : `(${terms.join(' + ')})/${decimal(m.divisor!)} = ${m.onScale.text}`;
  }
  if (m.scale !== m.max) formula += `; ${w.scaled(m.scale, m.max, m.value.text)}`;
  let note: string | null = null;
  if (m.aggregation === 'trimmed') {
    const dropped = m.scores.filter((s) => s.dropped !== null).sort((a, b) => (a.dropped === 'highest' ? -1 : b.dropped === 'highest' ? 1 : 0));
    note = dropped.length
      ? w.dropped(dropped.map((s) => w.droppedOne(decimal(s.score), words(lang).rater(s.rater), s.dropped!)))
      : w.notTrimmed(m.scores.length, trimMinScores);
  }
  return { formula, note };
}

export function explainText({ ex, policyFile, lang, color }: ExplainRenderInput): string {
  const w = explainWords[lang];
  const base = words(lang);
  const c = painter(color);
  const out: string[] = [c.bold(printable(w.title(ex.staffId, ex.name, ex.post, ex.semester))), c.dim(w.policy(policyFile)), ''];

  out.push(c.bold(w.raters));
  const rows: Cell[][] = ex.raters.map((r) => [
    { text: base.rater(r.rater) },
    { text: r.role ? base.role[r.role] : w.noRole },
    ...METHODS.map((m) => ({ text: r.scores[m] ? decimal(r.scores[m]) : '—' })),
    { text: totalText(r.total, ex.precision) },
  ]);
  const aligns: Align[] = ['left', 'left', ...METHODS.map((): Align => 'right'), 'right'];
  pushAll(out, layout([w.head.rater, w.head.role, ...METHODS.map((m) => base.method[m]), w.head.total], rows, aligns, c));
  out.push('');

  const weights = base.list(ROLES.map((r) => `${base.role[r]} ${ex.weights[r]}`));
  const heading =
    ex.aggregation === 'trimmed'
      ? w.aggregation.trimmed(ex.trimMinScores)
      : ex.aggregation === 'weighted'
        ? w.aggregation.weighted(weights)
        : w.aggregation[ex.aggregation]();
  out.push(c.bold(heading));
  const methodWidth = Math.max(...METHODS.map((m) => displayWidth(base.method[m])));
  for (const m of METHODS) {
    const name = base.method[m];
    const { formula, note } = methodLine(ex.methods[m], ex.trimMinScores, lang);
    out.push(`  ${name}${' '.repeat(methodWidth - displayWidth(name))}  ${formula}`);
    if (note) out.push(`  ${' '.repeat(methodWidth)}  ${c.dim(note)}`);
  }
  out.push('');

  const rounded = ex.total.toFixed(ex.precision);
  const labels: [string, string[]][] = [
    [w.label.exactTotal, [`${c.bold(ex.exactTotal.text)}  ${c.dim(w.exactTotalNote)}`]],
    [
      w.label.rounded,
      [
        ex.exactTotal.value.cmp(ex.total) === 0
          ? w.notRounded(c.bold(rounded), ex.precision)
          : w.rounded(ex.exactTotal.approx ?? ex.exactTotal.exact, c.bold(rounded), ex.precision),
      ],
    ],
    [w.label.grade, [w.band(base.grade[ex.grade], rounded, ex.band.min, ex.band.below)]],
    [w.label.rank, [w.rank(ex.rank, ex.rankOf, ex.tiedWith)]],
    [w.label.semesterRules, ex.semesterRules.map((r) => semesterRuleText(r, lang))],
    [w.label.yearRules, yearLines(ex, lang)],
  ];
  const labelWidth = Math.max(...labels.map(([l]) => displayWidth(l)));
  for (const [label, lines] of labels) {
    lines.forEach((line, i) => {
      const head = i === 0 ? label + ' '.repeat(labelWidth - displayWidth(label)) : ' '.repeat(labelWidth);
      out.push(`${c.bold(head)}  ${line}`);
    });
  }
  return `${out.join('\n')}\n`;
}

function semesterRuleText(r: Explanation['semesterRules'][number], lang: Lang): string {
  const w = explainWords[lang];
  const say = w.semesterRule[r.id];
  const args = {
    reward: w.money(r.reward),
    penalty: w.money(r.penalty),
    rectifyBy: r.rectifyBy ?? '',
    days: r.days ?? 0,
    from: r.from ?? '',
  };
  return say ? say(args) : r.id;
}

function yearLines(ex: Explanation, lang: Lang): string[] {
  const w = explainWords[lang];
  const base = words(lang);
  if (!ex.year) return [w.yearMissing(Number(ex.semester.slice(0, 4)), ex.missingSemesters)];
  const o = ex.year.outcome;
  const half = (name: 'H1' | 'H2', s: typeof o.h1) => w.half(name, s ? s.total.toFixed(ex.precision) : null, s ? base.grade[s.grade] : null);
  const lines = [w.yearHead(ex.year.year, [half('H1', o.h1), half('H2', o.h2)], o.status)];
  const rectifyBy = base.list([o.rectifyBy.h1, o.rectifyBy.h2].filter((x) => x !== null));
  for (const id of o.yearRules) {
    const say = w.yearRule[id];
    lines.push(say ? say({ bonus: w.money(o.annualBonus), rectifyBy }) : id);
  }
  if (o.yearRules.length === 0) lines.push(w.yearNone);
  lines.push(w.yearTotals(w.money(o.rewardTotal), w.money(o.penaltyTotal)));
  return lines;
}

function exactJson(v: ExactValue): { exact: string; approx: number } {
  return { exact: v.exact, approx: Number(v.approx ?? v.value.toFixed(6)) };
}

export function explainJson({ ex }: ExplainRenderInput): string {
  const o = ex.year?.outcome ?? null;
  const halfJson = (s: NonNullable<typeof o>['h1']) => (s ? { total: s.total.toNumber(ex.precision), grade: s.grade } : null);
  const doc = {
    semester: ex.semester,
    staffId: ex.staffId,
    name: ex.name,
    post: ex.post,
    aggregation: ex.aggregation,
    precision: ex.precision,
    raters: ex.raters.map((r) => ({
      rater: r.rater,
      role: r.role,
      scores: Object.fromEntries(METHODS.map((m) => [m, r.scores[m] ? num(r.scores[m]) : null])),
      total: num(r.total),
    })),
    methods: Object.fromEntries(
      METHODS.map((m) => {
        const x = ex.methods[m];
        return [
          m,
          {
            ...exactJson(x.value),
            text: x.value.text,
            scores: x.scores.map((s) => ({ rater: s.rater, role: s.role, score: num(s.score), weight: num(s.weight), dropped: s.dropped })),
            ...(x.trimmed !== null ? { trimmed: x.trimmed } : {}),
            ...(x.scale !== x.max ? { scale: x.scale, max: x.max, onScale: exactJson(x.onScale) } : {}),
          },
        ];
      }),
    ),
    exactTotal: ex.exactTotal.exact,
    exactTotalApprox: exactJson(ex.exactTotal).approx,
    exactTotalText: ex.exactTotal.text,
    total: ex.total.toNumber(ex.precision),
    grade: ex.grade,
    band: ex.band,
    rank: ex.rank,
    rankOf: ex.rankOf,
    tiedWith: ex.tiedWith,
    semesterRules: ex.semesterRules.map((r) => ({
      id: r.id,
      reward: r.reward,
      rewardDue: r.rewardDue,
      penalty: r.penalty,
      penaltyDue: r.penaltyDue,
      rectifyBy: r.rectifyBy,
    })),
    year: o
      ? {
          year: ex.year!.year,
          h1: halfJson(o.h1),
          h2: halfJson(o.h2),
          status: o.status,
          rules: o.yearRules,
          awardCandidate: o.awardCandidate,
          nonRenewal: o.nonRenewal,
          rectification: o.rectification,
          annualBonus: o.annualBonus,
          rewardTotal: o.rewardTotal,
          penaltyTotal: o.penaltyTotal,
        }
      : null,
    missingSemesters: ex.missingSemesters,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
