/**
 * The help as a terminal of 80 columns shows it: no line wider (a Chinese character is two
 * columns), the common options in the program's help, and each command's --out saying only the
 * files that command writes.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands/list.js';
import { displayWidth } from '../src/render/width.js';
import { run } from './helpers.js';

const LANGS = ['en', 'zh'] as const;
const HELPS = [[], ...COMMANDS.map((c) => [c.name])];

const help = (words: string[], lang: string) => {
  const r = run([...words, '--help', '--lang', lang]);
  expect(r.code).toBe(0);
  return r.stdout;
};

describe('no line of the help is wider than 80 columns', () => {
  it.each(LANGS.flatMap((lang) => HELPS.map((words) => [lang, words] as const)))('%s: evaluate %j --help', (lang, words) => {
    const wide = help([...words], lang)
      .split('\n')
      .filter((l) => displayWidth(l) > 80)
      .map((l) => `${displayWidth(l)}: ${l}`);
    expect(wide).toEqual([]);
  });
});

describe("the program's help lists the common options", () => {
  it.each(LANGS)('%s', (lang) => {
    const text = help([], lang);
    const at = text.indexOf(lang === 'en' ? 'Common options' : '通用选项');
    expect(at).toBeGreaterThan(0);
    const section = text.slice(at, text.indexOf('\n\n', at));
    for (const option of ['--lang', '--policy', '--format', '--out', '--force', '--no-color', '--encoding', '--delimiter', '--verbose']) {
      expect(section).toMatch(new RegExp(`^ {4}${option}\\b`, 'm'));
    }
  });
});

describe("each command's --out says only the files it writes", () => {
  /** The text of --out in the command's help, one line. */
  const outHelp = (command: string, lang: string): string => {
    const lines = help([command], lang).split('\n');
    const first = lines.findIndex((l) => /^ {2}--out </.test(l));
    const rest = lines.slice(first + 1);
    const end = rest.findIndex((l) => /^ {2}-/.test(l));
    return [lines[first]!, ...rest.slice(0, end)].map((l) => l.trim()).join(' ');
  };

  it.each([
    ['score', ['.xlsx']],
    ['year', ['.xlsx']],
    ['rewards', ['.xlsx']],
    ['history', ['.xlsx']],
    ['check', []],
    ['explain', []],
    ['panel', []],
    ['diff', []],
    ['report', ['.html', '.pdf']],
    ['notices', ['.html', '.pdf']],
  ] as const)('%s: %j', (command, named) => {
    for (const lang of LANGS) {
      const text = outHelp(command, lang);
      const said = ['.xlsx', '.html', '.pdf'].filter((ext) => text.includes(ext));
      expect(said, `${lang}: ${text}`).toEqual(named);
    }
  });
});
