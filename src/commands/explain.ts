/** `evaluate explain`: how one person's total came about, rule by rule, for the person it concerns. */
import type { Command } from 'commander';
import { explain } from '../core/explain.js';
import type { SemesterReport } from '../core/report.js';
import { yearOutcome } from '../core/year.js';
import { UsageError } from '../errors.js';
import { type CommonFlags, addCommonOptions, emit, parseSemesterOption, resolveCommon } from './common.js';
import { readResults } from './results.js';
import { newCommand } from './list.js';
import { type NameMatch, commandWords } from '../i18n/commands.js';
import { helpWords } from '../i18n/help.js';
import type { Lang } from '../i18n/index.js';
import { textKey } from '../core/cells.js';

interface ExplainFlags extends CommonFlags {
  semester?: string;
  roster?: string;
}

export function register(program: Command, lang: Lang): void {
  const h = helpWords(lang).commands.explain;
  const cmd = newCommand(program, 'explain', lang)
    .argument(...h.args.staffId)
    .argument(...h.args.sheet)
    .option(...h.options.semester)
    .option(...h.options.roster);
  addCommonOptions(cmd, lang, ['table', 'json'], 'table');
  cmd.addHelpText('after', h.after);
  cmd.action(async (staffId: string, sheets: string[], flags: ExplainFlags) => run(staffId, sheets, flags));
}

function pickSemester(reports: SemesterReport[], staffId: string, option: string | null, lang: Lang): string {
  const w = commandWords(lang);
  const held = reports.map((r) => r.semester);
  if (option) {
    if (!held.includes(option)) throw new UsageError(w.noScoresFor(option, held));
    return option;
  }
  const scored = reports.filter((r) => r.staff.some((x) => sameId(x.staffId, staffId))).map((r) => r.semester);
  if (scored.length > 1) throw new UsageError(w.scoredInSeveral(staffId, scored));
  return scored[0] ?? held[0] ?? '';
}

/**
 * `explain 张伟`: when no one has the argument as a staff id and someone has it as a name, the
 * staff ids of that name (post from the latest semester), so that the message can suggest them.
 */
function byName(reports: SemesterReport[], text: string): NameMatch[] {
  if (reports.some((r) => r.staff.some((s) => sameId(s.staffId, text)))) return [];
  const key = textKey(text);
  const found = new Map<string, NameMatch>();
  for (const r of reports) for (const s of r.staff) if (s.name.trim() === text || (s.name !== '' && textKey(s.name) === key)) found.set(s.staffId, { staffId: s.staffId, post: s.post });
  return [...found.values()].sort((a, b) => (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0));
}

/** An id as the sheets spell it and one as typed are the same id when their keys are (Ｓ００１, S001 with a zero-width space). */
function sameId(spelt: string, typed: string): boolean {
  if (spelt === typed) return true;
  if (typed !== lastTyped) {
    lastTyped = typed;
    lastKey = textKey(typed);
  }
  return textKey(spelt) === lastKey;
}
let lastTyped = '';
let lastKey = '';

async function run(staffId: string, sheets: string[], flags: ExplainFlags): Promise<void> {
  const common = resolveCommon(flags);
  const semesterOption = parseSemesterOption(flags.semester, common.lang);
  const results = readResults({ sheets, common, semester: semesterOption, semesterFillsOnly: true, roster: flags.roster ?? null, keepScores: true });
  const id = staffId.trim();
  const named = byName(results.reports, id);
  if (named.length > 0) throw new UsageError(commandWords(common.lang).nameNotId(id, named));
  const semester = pickSemester(results.reports, id, semesterOption, common.lang);
  const reportOf = (s: string) => results.reports.find((r) => r.semester === s);
  const report = reportOf(semester);
  const result = report?.staff.find((s) => sameId(s.staffId, id));
  if (!report || !result) {
    const ids = (report?.staff ?? []).map((s) => s.staffId).sort();
    const near = ids.find((x) => x.toLowerCase() === id.toLowerCase());
    throw new UsageError(commandWords(common.lang).noStaff(id, semester, near ?? null, ids, ids.length > 8));
  }
  const scores = results.scoresOf(semester, result.staffId) ?? [];

  // The year rules need both semesters of the year on the sheets.
  const year = semester.slice(0, 4);
  const halves = [`${year}-H1`, `${year}-H2`];
  const missing = halves.filter((s) => !reportOf(s));
  const find = (s: string) => reportOf(s)?.staff.find((x) => sameId(x.staffId, result.staffId)) ?? null;
  const outcome = missing.length === 0 ? yearOutcome(find(halves[0]!), find(halves[1]!), common.policy) : null;

  const ex = explain({ result, scores, ranked: report.staff, policy: common.policy, year: outcome, missingSemesters: missing });
  const render = await import('../render/explain.js');
  const input = { ex, policyFile: common.policyFile, lang: common.lang, color: common.color };
  await emit(common.format === 'json' ? render.explainJson(input) : render.explainText(input), common);
}
