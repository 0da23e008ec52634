/**
 * The `evaluate` program: builds the commands and maps every failure to its exit code in one place.
 * Each command file registers its options; heavy modules are imported only when a command runs.
 */
import { Command, CommanderError } from 'commander';
import { DataError, UsageError } from './errors.js';
import { quietOnClosedPipe } from './io/output.js';
import { register as registerScore } from './commands/score.js';
import { register as registerInit } from './commands/init.js';
import { register as registerTemplate } from './commands/template.js';
import { register as registerEnter } from './commands/enter.js';
import { register as registerPanel } from './commands/panel.js';
import { register as registerCheck } from './commands/check.js';
import { register as registerExplain } from './commands/explain.js';
import { register as registerYear } from './commands/year.js';
import { register as registerRewards } from './commands/rewards.js';

const VERSION = '0.1.0';

export function buildProgram(): Command {
  const program = new Command('evaluate')
    .description(
      'Staff evaluation for the student-apartment service center (学生公寓管理服务中心业务评比):\n' +
        'score the committee\'s sheets, grade and rank the staff, and list rewards and penalties.',
    )
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });
  registerScore(program);
  registerInit(program);
  registerTemplate(program);
  registerEnter(program);
  registerPanel(program);
  registerCheck(program);
  registerExplain(program);
  registerYear(program);
  registerRewards(program);
  program.addHelpText(
    'after',
    `
Exit codes: 0 done; 1 the data has problems (nothing written); 2 usage or policy error.
Problems go to standard error as FILE:LINE:COLUMN: error: MESSAGE; the report to standard output.

Examples:
  $ evaluate score fixtures/2026-H1.csv
  $ evaluate score fixtures/2026-H2.csv --roster fixtures/roster.csv --policy fixtures/policy.json --lang zh

Run "evaluate <command> --help" for a command's options and examples.`,
  );
  // Commander's own errors (unknown option, missing argument) are usage errors: exit 2.
  program.commands.forEach((c) => c.exitOverride());
  return program;
}

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof DataError) return 1;
    if (e instanceof UsageError) {
      process.stderr.write(e.message.includes(': error: ') ? `${e.message}\n` : `evaluate: error: ${e.message}\n`);
      return 2;
    }
    const err = e as Error;
    process.stderr.write(
      `evaluate: internal error: ${err?.message ?? String(e)}\nThis is a bug in evaluate, not a problem with your data; please report it with the command you ran.\n`,
    );
    if (process.env.EVALUATE_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
    return 70;
  }
}

process.exitCode = await main(process.argv);
