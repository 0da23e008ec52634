/**
 * The `evaluate` program: builds the commands and maps every failure to its exit code in one place.
 * Each command file registers its options; only the command being run is loaded (commands/list.ts).
 */
import { Command, CommanderError } from 'commander';
import { DataError, UsageError } from './errors.js';
import { quietOnClosedPipe } from './io/output.js';
import { COMMANDS } from './commands/list.js';
import { preparePaint } from './render/paint.js';
import { VERSION } from './version.js';

/**
 * The program with `wanted` registered in full (options, help, action) and every other command
 * listed by name and summary only: a command module is loaded only when it runs.
 */
export async function buildProgram(wanted: string | undefined): Promise<Command> {
  const program = new Command('evaluate')
    .description(
      'Staff evaluation for the student-apartment service center (学生公寓管理服务中心业务评比): ' +
        "score the committee's sheets, grade and rank the staff, and list rewards and penalties.",
    )
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });
  for (const c of COMMANDS) {
    if (c.name === wanted) (await c.load()).register(program);
    else program.command(`${c.name}${c.usage ? ` ${c.usage}` : ''}`).summary(c.summary);
  }
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
  await preparePaint();
  // The command is the first word that is not an option (`evaluate help score` asks for score's help).
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  const program = await buildProgram(words[0] === 'help' ? words[1] : words[0]);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      // `evaluate` without a command shows the help on standard error as a usage error; `evaluate help` is 0.
      if (e.code === 'commander.help') return e.exitCode === 0 ? 0 : 2;
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

// A reader thread started by io/two-threads.ts to read the second part of a big input (its module,
// like each command's, is loaded only when needed: a static import would load the whole reader
// at every start).
const worker = process.argv[2] === '--evaluate-read-worker' ? process.getBuiltinModule('node:worker_threads') : null;
if (worker && !worker.isMainThread) void import('./io/reader-thread.js').then((p) => p.runReaderThread(worker.workerData as Parameters<typeof p.runReaderThread>[0]));
else void main(process.argv).then((code) => (process.exitCode = code));
