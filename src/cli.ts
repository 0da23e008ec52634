/**
 * The `evaluate` program: builds the commands and maps every failure to its exit code in one place.
 * Each command file registers its options; only the command being run is loaded (commands/list.ts).
 */
import { Command, CommanderError } from 'commander';
import { DataError, UsageError } from './errors.js';
import { quietOnClosedPipe } from './io/output.js';
import { COMMANDS } from './commands/list.js';
import { argvLang, commandErrors, operandWords, optionsAfterCommand, programWords } from './commands/program-words.js';
import { commandWords } from './i18n/commands.js';
import { helpWords } from './i18n/help.js';
import { type Lang, defaultLang } from './i18n/index.js';
import { preparePaint } from './render/paint.js';
import { VERSION } from './version.js';
import { printable } from './render/format.js';

/**
 * The program with `wanted` registered in full (options, help, action) and every other command
 * listed by name and summary only: a command module is loaded only when it runs.
 */
export async function buildProgram(wanted: string | undefined, lang: Lang = defaultLang()): Promise<Command> {
  const w = helpWords(lang);
  const program = new Command('evaluate');
  // Before any command is added: the commands inherit the help words and the error output.
  programWords(program, lang);
  program
    .description(w.program.description)
    .version(VERSION, '-V, --version', w.program.version)
    .showSuggestionAfterError(true)
    .exitOverride();
  for (const c of COMMANDS) {
    if (c.name === wanted && c.load) (await c.load()).register(program, lang);
    else {
      const h = w.commands[c.name];
      program.command(`${c.name}${h.usage ? ` ${h.usage}` : ''}`).summary(h.summary);
    }
  }
  program.addHelpText('after', w.program.after);
  // Commander's own errors (unknown option, missing argument) are usage errors: exit 2.
  program.commands.forEach((c) => commandErrors(c.exitOverride(), lang));
  return program;
}

/**
 * What `evaluate help WORD` runs: WORD's help, the program's (`help`, `help help`), or for a word
 * that is no command, the word itself, so that commander says it is unknown and suggests the
 * command meant, as for `evaluate scor` (its own `help scor` would print the whole help instead).
 * The options around it only chose the language (argvLang).
 */
function helpAsked(word: string | undefined): string[] {
  if (word === undefined || word === 'help') return ['help'];
  return COMMANDS.some((c) => c.name === word) ? ['help', word] : [word];
}

/**
 * Runs the program; its exit code, or null when this is the score bundle and the command is another:
 * the whole bundle has run it (bin/evaluate.cjs), and nothing was done here before.
 */
export async function main(argv: string[]): Promise<number | null> {
  const args = optionsAfterCommand(argv.slice(2));
  // The command is the first word that is neither an option nor a common option's value (`evaluate
  // help score` asks for score's help).
  const words = operandWords(args);
  const wanted = words[0] === 'help' ? words[1] : words[0];
  if (COMMANDS.some((c) => c.name === wanted && c.load === null)) return runWhole();
  quietOnClosedPipe();
  await preparePaint();
  const lang = argvLang(argv.slice(2));
  const program = await buildProgram(wanted, lang);
  try {
    await program.parseAsync([...argv.slice(0, 2), ...(words[0] === 'help' ? helpAsked(words[1]) : args)]);
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
      // An argument may hold a terminal escape or an invisible character: shown, not sent (line by line).
      const message = e.message.split('\n').map(printable).join('\n');
      process.stderr.write(message.includes(': error: ') ? `${message}\n` : `evaluate: error: ${message}\n`);
      return 2;
    }
    const err = e as Error;
    process.stderr.write(`evaluate: internal error: ${printable(err?.message ?? String(e))}\n${commandWords(lang).bug}\n`);
    if (process.env.EVALUATE_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
    return 70;
  }
}

/** The whole bundle, run by the bin (COMMANDS: this bundle was built for `score` alone). */
function runWhole(): null {
  const whole = (globalThis as { __evaluateWhole?: () => void }).__evaluateWhole;
  if (!whole) throw new Error('a command left out of this bundle, and no whole bundle to run it');
  whole();
  return null;
}

// A reader thread started by io/two-threads.ts to read the second part of a big input (its module,
// like each command's, is loaded only when needed: a static import would load the whole reader
// at every start).
const worker = process.argv[2] === '--evaluate-read-worker' ? process.getBuiltinModule('node:worker_threads') : null;
if (worker && !worker.isMainThread) void import('./io/reader-thread.js').then((p) => p.runReaderThread(worker.workerData as Parameters<typeof p.runReaderThread>[0]));
else
  void main(process.argv).then((code) => {
    if (code !== null) process.exitCode = code;
  });
