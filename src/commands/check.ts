/** `evaluate check`: validation only, every problem at once, then a summary of what the sheets hold. */
import type { Command } from 'commander';
import type { Lang } from '../i18n/index.js';
import { helpWords } from '../i18n/help.js';
import { newCommand } from './list.js';
import { DataError } from '../errors.js';
import { checkWords } from '../i18n/check.js';
import { type CommonFlags, addCommonOptions, emit, formatProblem, parseSemesterOption, resolveCommon, stderrColor } from './common.js';
import { readForCheck } from './results.js';
import { terminalColumns } from '../io/output.js';

interface CheckFlags extends CommonFlags {
  semester?: string;
  roster?: string;
}

export function register(program: Command, lang: Lang): void {
  const h = helpWords(lang).commands.check;
  const cmd = newCommand(program, 'check', lang)
    .argument(...h.args.sheet)
    .option(...h.options.semester)
    .option(...h.options.roster);
  addCommonOptions(cmd, lang, ['table', 'json'], 'table');
  cmd.addHelpText('after', h.after);
  cmd.action(async (sheets: string[], flags: CheckFlags) => run(sheets, flags));
}

async function run(sheets: string[], flags: CheckFlags): Promise<void> {
  const common = resolveCommon(flags);
  const semester = parseSemesterOption(flags.semester, common.lang);
  const checked = readForCheck({ sheets, common, semester, roster: flags.roster ?? null });
  const problems = checked.problems;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const color = stderrColor();
  if (problems.length > 0) process.stderr.write(`${problems.map((p) => formatProblem(p, color)).join('\n')}\n`);

  const render = await import('../render/check.js');
  const input = {
    files: checked.sources.map((s) => s.name),
    counts: checked.counts,
    summary: checked.summary,
    problems,
    policyFile: common.policyFile,
    lang: common.lang,
    color: common.color,
    // The summary fits the terminal it goes to (a file or a pipe gets its lines whole).
    width: common.out === null ? terminalColumns() : null,
  };
  const text = common.format === 'json' ? render.checkJson(input) : render.checkTable(input);
  if (errors === 0) {
    await emit(text, common);
    return;
  }
  // With errors the summary still goes to standard output, but --out stays unwritten (exit 1).
  await emit(text, { ...common, out: null });
  if (common.out) process.stderr.write(`${checkWords[common.lang].notWritten(common.out)}\n`);
  throw new DataError(problems);
}
