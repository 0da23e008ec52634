/** Rendering the summary of `evaluate check`: table (plain text) and json. */
import type { SheetsSummary } from '../core/committee.js';
import type { RowCounts } from '../core/types.js';
import { type Problem, METHODS, ROLES } from '../core/types.js';
import { type Lang, words } from '../i18n/index.js';
import { checkWords } from '../i18n/check.js';
import { painter } from './table.js';
import { printable } from './format.js';

export interface CheckRenderInput {
  files: string[];
  counts: RowCounts;
  summary: SheetsSummary;
  problems: Problem[];
  /** The policy file the scores are read with (null: the built-in one). */
  policyFile: string | null;
  lang: Lang;
  color: boolean;
}

/** A committee that differs from the rules counts as one warning per semester. */
function committeeWarnings(s: SheetsSummary): number {
  return s.semesters.filter((x) => !x.committee.ok).length;
}

export function checkJson(input: CheckRenderInput): string {
  const s = input.summary;
  const errors = input.problems.filter((p) => p.severity === 'error').length;
  const doc = {
    problems: input.problems.map((p) => ({
      file: p.file,
      line: p.line,
      ...(p.column !== undefined ? { column: p.column } : {}),
      severity: p.severity,
      message: p.message,
    })),
    summary: {
      ok: errors === 0,
      errors,
      warnings: input.problems.length - errors + committeeWarnings(s),
      files: input.files,
      rows: { ...input.counts },
      staff: s.staff,
      raters: s.raters,
      semesters: s.semesters.map((x) => x.semester),
      scores: s.scores,
      bySemester: s.semesters.map((x) => ({
        semester: x.semester,
        staff: x.staff,
        raters: x.raters,
        scores: x.scores,
        committee: {
          ok: x.committee.ok,
          consensus: x.committee.consensus,
          members: x.committee.members,
          differences: x.committee.differences,
        },
        partialRaters: x.partial,
      })),
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function checkTable(input: CheckRenderInput): string {
  const w = checkWords[input.lang];
  const base = words(input.lang);
  const c = painter(input.color);
  const s = input.summary;
  const methodCounts = (scores: Record<string, number>) => METHODS.map((m) => `${base.method[m]} ${scores[m]}`);
  const out = [
    c.bold(w.files(input.files.length, input.files)),
    w.rows(input.counts.read, input.counts.used, input.counts.rejected),
    w.totals(s.staff, s.raters, s.semesters.map((x) => x.semester)),
    w.scores(methodCounts(s.scores)),
    w.policy(input.policyFile === null ? null : printable(input.policyFile)),
  ];
  for (const x of s.semesters) {
    out.push('', c.bold(w.semester(x.semester, x.staff, x.raters)), `  ${w.scores(methodCounts(x.scores))}`);
    const k = x.committee;
    const members = [...ROLES, 'none' as const]
      .filter((r) => k.members[r].length > 0)
      .map((r) => w.members(r === 'none' ? w.none : base.role[r], k.members[r].map(printable)));
    out.push(`  ${w.committee(members)}`);
    if (k.consensus) out.push(`  ${w.consensus}`);
    else if (k.ok) out.push(`  ${c.green(w.asRules)}`);
    else {
      const parts = k.differences.map((d) => w.difference(d.role === 'none' ? w.none : base.role[d.role], d.found, d.expected));
      out.push(`  ${c.yellow(w.differs(parts))}`);
    }
    if (x.partial.length > 0) out.push(`  ${w.partial(x.partial.map((p) => w.partialOne(p.rater, p.scored, x.staff)), input.counts.rejected > 0)}`);
  }
  const errors = input.problems.filter((p) => p.severity === 'error').length;
  const warnings = input.problems.length - errors + committeeWarnings(s);
  out.push('', errors > 0 ? c.red.bold(w.bad(errors, warnings)) : warnings > 0 ? c.yellow(w.okWarnings(warnings)) : c.green(w.ok));
  return `${out.join('\n')}\n`;
}
