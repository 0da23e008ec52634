/**
 * The program's own words in the user's language: commander's help (its headings, its notes on
 * choices and defaults, the help and version options, line wrapping that counts a Chinese character
 * as two columns and may break between two of them) and commander's error messages.
 */
import { type Argument, type Command, Help, type Option } from 'commander';
import { type ArgumentShown, type HelpWords, helpWords } from '../i18n/help.js';
import { type Lang, defaultLang } from '../i18n/index.js';
import { printable } from '../render/format.js';
import { wrapText } from '../render/lines.js';
import { displayWidth } from '../render/width.js';

/**
 * The language of the help and of commander's errors, known before commander parses anything:
 * the last `--lang en|zh` (or `--lang=zh`) on the command line, else LANG.
 */
export function argvLang(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  let lang: Lang | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    const v = a === '--lang' ? args[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (v === 'en' || v === 'zh') lang = v;
  }
  return lang ?? defaultLang(env);
}

/** The common options (SPEC's global ones, and the sheets' reading), with a value or without. */
const WITH_VALUE = new Set(['--lang', '--policy', '--format', '--out', '--encoding', '--delimiter']);
const WITHOUT_VALUE = new Set(['--force', '--no-color', '--verbose']);

/**
 * The words after `evaluate` with the common options written before the command (`evaluate --lang zh
 * --policy p.json score ...`, as git's are written) moved to right after the command's name, where
 * the command takes them as it does anywhere among its options: an option of the command left
 * without its value at the end (`--roster`) is then still missing its value, not given `--lang`.
 * Without a command, `--lang` only chose the help's language (argvLang) and is left out; anything
 * else (an unknown option, a `--` before any command) is left for commander to refuse.
 */
export function optionsAfterCommand(args: readonly string[]): string[] {
  const before: string[] = [];
  const moved: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (WITH_VALUE.has(name) && name === a && i + 1 < args.length) moved.push(a, args[++i]!);
    else if ((WITH_VALUE.has(name) && name !== a) || WITHOUT_VALUE.has(a)) moved.push(a);
    else if (a === '--') return [...before, ...moved, ...args.slice(i)];
    else if (!a.startsWith('-')) return [...before, a, ...moved, ...args.slice(i + 1)];
    else before.push(a);
  }
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--lang' && i + 1 < args.length) i++;
    else if (!args[i]!.startsWith('--lang=')) out.push(args[i]!);
  }
  return out;
}

/**
 * The words of a command line that are neither options nor the values of the common options
 * (`help --lang zh score`: help, score): the command first, and the command `help` asks for.
 */
export function operandWords(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (WITH_VALUE.has(a)) i++;
    else if (!a.startsWith('-')) out.push(a);
  }
  return out;
}


/** commander's notes after an option's or argument's text: its choices and its default. */
function described(text: string, choices: readonly string[] | undefined, dflt: string | null, w: HelpWords): string {
  const parts: string[] = [];
  if (choices) parts.push(w.commander.choices(choices));
  if (dflt !== null) parts.push(w.commander.default(dflt));
  if (parts.length === 0) return text;
  const note = w.commander.note(parts);
  return text ? `${text}${note}` : note.trimStart();
}

/**
 * Sets the program's help and error words in `lang`, before any command is added (commands inherit
 * the help configuration, the help option and the output settings from the program).
 */
export function programWords(program: Command, lang: Lang): void {
  const w = helpWords(lang);
  const help = {
    styleTitle: (title: string) => w.commander.titles[title] ?? title,
    formatHelp(this: Help, cmd: Command, helper: Help): string {
      return w.commander.finish(Help.prototype.formatHelp.call(this, cmd, helper));
    },
    commandUsage(this: Help, cmd: Command): string {
      return w.commander.usage(Help.prototype.commandUsage.call(this, cmd));
    },
    optionDescription: (option: Option): string => {
      // As commander shows a default: for options that take a value, and for a boolean option whose default is a boolean.
      const shown = option.defaultValue !== undefined && (option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean'));
      return described(option.description, option.argChoices, shown ? (option.defaultValueDescription ?? JSON.stringify(option.defaultValue)) : null, w);
    },
    argumentDescription: (argument: Argument): string =>
      described(
        argument.description,
        argument.argChoices,
        argument.defaultValue !== undefined ? (argument.defaultValueDescription ?? JSON.stringify(argument.defaultValue)) : null,
        w,
      ),
    displayWidth: (str: string) => displayWidth(str),
    boxWrap(this: Help, str: string, width: number): string {
      return width < this.minWidthToWrap ? str : wrapText(str, width);
    },
  };
  program
    .configureHelp(help)
    .helpOption('-h, --help', w.program.help)
    .helpCommand(...w.program.helpCommand)
    .configureOutput({ outputError: (str, write) => write(errorMessage(str, program, w)) });
}

/** Commander's errors of a command of the program in `lang`, as the program's (programWords). */
export function commandErrors(cmd: Command, lang: Lang): void {
  const w = helpWords(lang);
  cmd.configureOutput({ outputError: (str, write) => write(errorMessage(str, cmd, w)) });
}

/** An argument as the usage line shows it: `<sheet...>`, `[command]`. */
function argumentTerm(a: Argument): string {
  const name = `${a.name()}${a.variadic ? '...' : ''}`;
  return a.required ? `<${name}>` : `[${name}]`;
}

/**
 * A commander error of `cmd` in the language (a missing argument named by `cmd`'s own), starting
 * `evaluate: error:` as every other error of the program does (SPEC "Messages"); like those, shown
 * without the terminal escapes or invisible characters an argument may hold.
 */
function errorMessage(message: string, cmd: Command, w: HelpWords): string {
  const argument = (name: string): ArgumentShown | undefined => {
    const a = cmd.registeredArguments.find((x) => x.name() === name);
    return a && { term: argumentTerm(a), description: a.description };
  };
  const text = w.commanderError(message, argument).split('\n').map(printable).join('\n');
  return text.startsWith('error: ') ? `evaluate: ${text}` : `evaluate: error: ${text}`;
}
