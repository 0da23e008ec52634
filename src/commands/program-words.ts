/**
 * The program's own words in the user's language: commander's help (its headings, its notes on
 * choices and defaults, the help and version options, line wrapping that counts a Chinese character
 * as two columns and may break between two of them) and commander's error messages.
 */
import { type Argument, type Command, Help, type Option } from 'commander';
import { type HelpWords, helpWords } from '../i18n/help.js';
import { type Lang, defaultLang } from '../i18n/index.js';
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

// Chinese characters and full-width punctuation: a line may break before or after any of them.
const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
// Punctuation that stays with the character before it, or (opening) with the one after it.
const CLOSE = '，。、；：？！）」』》”’';
const OPEN = '（「『《“‘';
const CHUNK = new RegExp(`\\s*[${OPEN}]*(?:[${CJK}][${CLOSE}]*|[^\\s${CJK}]+[${CLOSE}]*)|\\s+$`, 'g');

/** Wraps text to `width` columns at spaces and between Chinese characters, keeping line breaks. */
export function wrapText(str: string, width: number): string {
  return str
    .split(/\r\n|\n/)
    .map((line) => {
      const chunks = line.match(CHUNK);
      if (chunks === null) return '';
      const lines: string[] = [];
      let current = chunks.shift()!;
      let w = displayWidth(current);
      for (const chunk of chunks) {
        const cw = displayWidth(chunk);
        if (w + cw <= width) {
          current += chunk;
          w += cw;
          continue;
        }
        lines.push(current.trimEnd());
        current = chunk.trimStart();
        w = displayWidth(current);
      }
      lines.push(current);
      return lines.join('\n');
    })
    .join('\n');
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
    .configureOutput({ outputError: (str, write) => write(w.commanderError(str)) });
}
