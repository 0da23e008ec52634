/** Rendering the summary of `evaluate check`: table (plain text) and json. */
import type { SheetsSummary } from '../core/committee.js';
import type { RowCounts } from '../core/types.js';
import { type Problem, METHODS, ROLES } from '../core/types.js';
import { type Lang, words } from '../i18n/index.js';
import { checkWords } from '../i18n/check.js';
import { fitLines, foldTo, roomIn } from './lines.js';
import { painter, pushAll } from './table.js';
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
  /** The terminal's width in columns when the summary goes to one (null: not a terminal). */
  width?: number | null;
}

/** A committee that differs from the rules counts as one warning per semester (as the commands that score say it). */
function committeeWarnings(s: SheetsSummary): number {
  return s.semesters.filter((x) => x.committee.warning).length;
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
          warning: x.committee.warning,
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
  const room = roomIn(input.width);
  const out: string[] = [];
  // A line folded to the terminal's width (whole in a file or a pipe), its continuation indented
  // two more; painted after folding, so that the colors' escapes are not counted as columns.
  const put = (text: string, indent = '', paint: (t: string) => string = (t) => t) => {
    foldTo(text, room === null ? null : room - indent.length - 2).forEach((l, i) => out.push(`${indent}${i > 0 ? '  ' : ''}${paint(l)}`));
  };
  const methodCounts = (scores: Record<string, number>) => METHODS.map((m) => `${base.method[m]} ${scores[m]}`);
  put(w.files(input.files.length, input.files), '', (t) => c.bold(t));
  put(w.rows(input.counts.read, input.counts.used, input.counts.rejected));
  put(w.totals(s.staff, s.raters, s.semesters.map((x) => x.semester)));
  put(w.scores(methodCounts(s.scores)));
  put(w.policy(input.policyFile === null ? null : printable(input.policyFile)));
  for (const x of s.semesters) {
    out.push('');
    put(w.semester(x.semester, x.staff, x.raters), '', (t) => c.bold(t));
    put(w.scores(methodCounts(x.scores)), '  ');
    const k = x.committee;
    const members = [...ROLES, 'none' as const]
      .filter((r) => k.members[r].length > 0)
      .map((r) => w.members(r === 'none' ? w.none : base.role[r], k.members[r].map((n) => printable(base.rater(n)))));
    // Broken between the roles, never inside a name.
    if (room === null) out.push(`  ${w.committee(members)}`);
    else pushAll(out, fitLines(`  ${w.committee([])}`, members, w.committeeSep, '', room, '    '));
    if (k.consensus) put(w.consensus, '  ');
    else if (k.ok) put(w.asRules, '  ', (t) => c.green(t));
    else {
      const parts = k.differences.map((d) => w.difference(d.role === 'none' ? w.none : base.role[d.role], d.found, d.expected));
      if (k.warning) put(w.differs(parts), '  ', (t) => c.yellow(t));
      else put(w.differsUnplaced(parts), '  ');
    }
    if (x.partial.length > 0) put(w.partial(x.partial.map((p) => w.partialOne(p.rater, p.scored, x.staff)), input.counts.rejected > 0), '  ');
  }
  const errors = input.problems.filter((p) => p.severity === 'error').length;
  const warnings = input.problems.length - errors + committeeWarnings(s);
  out.push('');
  put(errors > 0 ? w.bad(errors, warnings) : warnings > 0 ? w.okWarnings(warnings) : w.ok, '', (t) => (errors > 0 ? c.red.bold(t) : warnings > 0 ? c.yellow(t) : c.green(t)));
  return `${out.join('\n')}\n`;
}
