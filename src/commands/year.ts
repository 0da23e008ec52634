/** `evaluate year`: both semesters of a year side by side and the year consequences. */
import type { Command } from 'commander';
import type { Amounts } from '../core/policy.js';
import { type StaffResult, byCodePoint, semesterReport } from '../core/report.js';
import type { Problem } from '../core/types.js';
import { type YearOutcome, yearOutcome } from '../core/year.js';
import { UsageError } from '../errors.js';
import { words } from '../i18n/index.js';
import { expandSources, loadSheets } from '../io/load.js';
import { type Common, type CommonFlags, addCommonOptions, emit, precheckOut, reportProblems, resolveCommon } from './common.js';
import { summaryOf } from './list.js';
import { printable } from '../render/format.js';

export interface YearFlags extends CommonFlags {
  year?: string;
  roster?: string;
  bom?: boolean;
}

export interface YearData {
  year: number;
  /** Everyone scored in the year (and everyone on the roster), ordered by staff id. */
  outcomes: YearOutcome[];
  warnings: Problem[];
  common: Common;
}

export function register(program: Command): void {
  const cmd = program
    .command('year')
    .summary(summaryOf('year'))
    .description(
      'Score H1 and H2 of one year (sheets of other years are ignored with a warning),\n' +
        'put both semesters side by side and apply the year rules:\n' +
        '  excellent in both        -> award candidate, and the annual bonus\n' +
        '  unqualified in both      -> not renewed (and no rectification)\n' +
        '  unqualified in just one  -> rectification, with that semester\'s penalty\n' +
        '  one semester not scored  -> incomplete: the year is not decided',
    )
    .argument('<sheet...>', 'scoring sheets (CSV) of both semesters: files, - for standard input, or folders of *.csv')
    .requiredOption('--year <yyyy>', 'the calendar year to decide (2026)')
    .option('--roster <file>', 'roster (staff_id,name,post): someone on it without scores in a semester is incomplete (a warning)')
    .option('--bom', 'start CSV output with a UTF-8 BOM, for Excel');
  addCommonOptions(cmd, ['table', 'csv', 'json', 'md'], 'table');
  cmd.addHelpText(
    'after',
    `
Examples:
  $ evaluate year fixtures/2026-H1.csv fixtures/2026-H2.csv --year 2026 --policy fixtures/policy.json
  $ evaluate year fixtures/2026-*.csv --year 2026 --roster fixtures/roster.csv --lang zh --format json --out year-2026.json`,
  );
  cmd.action(async (sheets: string[], flags: YearFlags) => run(sheets, flags));
}

export function parseYearOption(value: string | undefined): number {
  const v = (value ?? '').trim();
  if (!/^\d{4}$/.test(v) || Number(v) < 1900) {
    throw new UsageError(`--year "${value ?? ''}" is not a year; write it with four digits, as in --year 2026`);
  }
  return Number(v);
}

/** A warning that has no place in a sheet (the policy, a whole semester): printed as is. */
function note(message: string): void {
  process.stderr.write(`${printable(message)}\n`);
}

/**
 * Everything `year` and `rewards` share: load the sheets of the year, score both semesters, apply
 * the year rules. Prints the problems (and throws on errors) before anything is rendered.
 */
export function loadYear(sheets: string[], flags: YearFlags, common: Common): YearData {
  const year = parseYearOption(flags.year);
  if (flags.bom && common.format !== 'csv') throw new UsageError('--bom applies to --format csv only');
  const sources = expandSources(sheets);
  precheckOut(common, [...sources.map((s) => s.path), flags.roster ?? null]);
  const prefix = `${year}-`;
  const loaded = loadSheets(sheets, {
    policy: common.policy,
    semester: null,
    encoding: common.encoding,
    delimiter: common.delimiter,
    roster: flags.roster ?? null,
    rosterMissing: 'warning',
    keepSemester: (s) => s.startsWith(prefix),
  });
  const problems = loaded.problems;
  const otherSemesters = new Set<string>();
  for (const ig of loaded.ignored ?? []) {
    otherSemesters.add(ig.semester);
    problems.warning(
      { file: ig.file, fileOrder: ig.fileOrder, line: ig.line },
      `${ig.semester} is not in --year ${year}: ${ig.rows} row${ig.rows === 1 ? '' : 's'} of ${ig.semester} in this sheet ${ig.rows === 1 ? 'is' : 'are'} ignored`,
    );
  }
  const semesters = { h1: `${year}-H1`, h2: `${year}-H2` };
  const h1Staff = loaded.bySemester.get(semesters.h1) ?? [];
  const h2Staff = loaded.bySemester.get(semesters.h2) ?? [];
  const roster = loaded.roster ?? null;

  // Someone scored in one semester only: said where they are scored, unless the roster said it already.
  if (!roster && h1Staff.length > 0 && h2Staff.length > 0) {
    const inH1 = new Set(h1Staff.map((s) => s.staffId));
    const inH2 = new Set(h2Staff.map((s) => s.staffId));
    for (const [list, other, missing] of [
      [h1Staff, inH2, semesters.h2],
      [h2Staff, inH1, semesters.h1],
    ] as const) {
      for (const s of list) {
        if (!other.has(s.staffId)) {
          problems.warning(s.at, `${s.staffId}${s.name ? ` ${s.name}` : ''} has no scores in ${missing}: the year is incomplete, not decided`);
        }
      }
    }
  }
  // The same person by two names in the two semesters is worth a look (a post may change).
  const h1ById = new Map(h1Staff.map((s) => [s.staffId, s]));
  for (const s of h2Staff) {
    const p = h1ById.get(s.staffId);
    if (p && p.name && s.name && p.name !== s.name) {
      problems.warning(s.at, `${s.staffId} is "${s.name}" in ${semesters.h2} but "${p.name}" in ${semesters.h1} (${p.at.file}:${p.at.line})`);
    }
  }

  const sorted = problems.sorted();
  const w = words(common.lang);
  reportProblems(sorted, w.problems);
  if (h1Staff.length === 0 && h2Staff.length === 0) {
    const found = [...otherSemesters].sort();
    throw new UsageError(`the sheets have no scores of ${year}${found.length ? ` (they hold ${found.join(', ')})` : ''}`);
  }
  for (const [half, list] of [
    ['h1', h1Staff],
    ['h2', h2Staff],
  ] as const) {
    if (list.length === 0) {
      note(`evaluate: warning: no sheet has scores of ${semesters[half]}: the year is incomplete for everyone, nothing is decided`);
    }
  }

  const results = (sem: string, list: typeof h1Staff): Map<string, StaffResult> =>
    new Map(list.length ? semesterReport(sem, list, common.policy, null).staff.map((r) => [r.staffId, r]) : []);
  const h1 = results(semesters.h1, h1Staff);
  const h2 = results(semesters.h2, h2Staff);
  const ids = new Set([...h1.keys(), ...h2.keys(), ...(roster ?? []).map((e) => e.staffId)]);
  const rosterById = new Map((roster ?? []).map((e) => [e.staffId, e]));
  const outcomes = [...ids]
    .sort(byCodePoint)
    .map((id) => yearOutcome(h1.get(id) ?? null, h2.get(id) ?? null, common.policy, rosterById.get(id)));
  return { year, outcomes, warnings: sorted.filter((p) => p.severity === 'warning'), common };
}

const AMOUNT_WORDS: Record<keyof Amounts, string> = {
  excellent: 'the excellent reward',
  good: 'the good reward',
  annualBonus: 'the annual bonus',
  penalty: 'the penalty',
};

/** One warning per amount the report needs and the policy leaves unset, naming who is affected. */
export function warnUnset(outcomes: YearOutcome[], common: Common): void {
  const byAmount = new Map<keyof Amounts, YearOutcome[]>();
  for (const o of outcomes) {
    for (const k of o.unset) byAmount.set(k, [...(byAmount.get(k) ?? []), o]);
  }
  const order: (keyof Amounts)[] = ['excellent', 'good', 'annualBonus', 'penalty'];
  for (const k of order) {
    const who = byAmount.get(k);
    if (!who) continue;
    const names = who.slice(0, 5).map((o) => `${o.staffId}${o.name ? ` ${o.name}` : ''}`);
    const more = who.length > 5 ? ` and ${who.length - 5} more` : '';
    const where = common.policyFile ? `set it in ${common.policyFile}` : 'the built-in policy sets no amounts: set it in evaluate.config.json or a --policy file';
    note(`${common.policyFile ?? 'evaluate'}: warning: amounts.${k} is not set: ${AMOUNT_WORDS[k]} of ${names.join(', ')}${more} is left empty; ${where}`);
  }
}

async function run(sheets: string[], flags: YearFlags): Promise<void> {
  const common = resolveCommon(flags);
  const data = loadYear(sheets, flags, common);
  warnUnset(data.outcomes, common);
  const render = await import('../render/year.js');
  const input = { year: data.year, outcomes: data.outcomes, precision: common.policy.precision, lang: common.lang, color: common.color };
  const text =
    common.format === 'json'
      ? render.yearJson(input)
      : common.format === 'csv'
        ? render.yearCsv(input, flags.bom === true)
        : common.format === 'md'
          ? render.yearMd(input)
          : render.yearTable(input);
  await emit(text, common);
}
