/**
 * Every console example of the documentation runs, and prints what it shows (as Rust's trycmd and
 * Python's cram check theirs). The files: README.md, README.zh-CN.md and docs/*.md, those that
 * exist. An example is a ```console block: a line `$ COMMAND` is run by bash, the lines after it
 * up to the next `$ ` line are what it prints (standard output and standard error together, in
 * the order a terminal shows them). The notation (markers in HTML comments above a block, `...`
 * and `[..]` in the output, `# exit N` after a command) is docs/README-examples.md.
 *
 * Each block runs in a scratch folder of its own holding a copy of the repository's fixtures/, with
 * `evaluate` and `npx evaluate` being the built bin/evaluate.cjs, NO_COLOR, and LANG fixed per
 * block (en_US.UTF-8, or zh_CN.UTF-8 in a *.zh-CN.md file, unless the block says otherwise).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Example, asShown, docFiles, examples, matches, runExample } from './examples.js';
import { ROOT, run as evaluate } from './helpers.js';

/** `evaluate --help`, whose command list the documentation must cover. */
const runHelp = () => evaluate(['--help']).stdout;

const FILES = docFiles();

describe('the notation (docs/README-examples.md)', () => {
  it('reads commands, their output, exit codes and markers', () => {
    const md = [
      '<!-- example: in fixtures -->',
      '<!-- example: LANG=zh_CN.UTF-8 -->',
      '<!-- example: file a/b.csv',
      'x,y',
      '-->',
      '<!-- example: before',
      '$ touch c',
      '-->',
      '```console',
      '$ cat a/b.csv',
      'x,y',
      '$ false # exit 1',
      '```',
      '',
      '<!-- example: terminal -->',
      '```console',
      '$ evaluate init',
      '✔ a question',
      '```',
    ].join('\n');
    const [a, b] = examples('x.md', md);
    expect(a).toEqual({
      where: 'x.md:9',
      commands: [
        { line: 'cat a/b.csv', exit: 0, expected: ['x,y'] },
        { line: 'false # exit 1', exit: 1, expected: [] },
      ],
      skip: null,
      env: { LANG: 'zh_CN.UTF-8' },
      cwd: 'fixtures',
      files: [{ name: 'a/b.csv', text: 'x,y\n' }],
      before: ['touch c'],
    });
    expect(b!.skip).toBe('needs a terminal');
    expect(b!.commands).toEqual([{ line: 'evaluate init', exit: 0, expected: ['✔ a question'] }]);
  });

  it('refuses an unknown marker, a stray marker and a console block without a command', () => {
    expect(() => examples('x.md', '<!-- example: colour -->\n```console\n$ true\n```')).toThrow('x.md:1: unknown example marker "colour"');
    expect(() => examples('x.md', '<!-- example: terminal -->\n\nsome text\n')).toThrow('x.md:1: an example marker must stand right above');
    expect(() => examples('x.md', '```console\noutput only\n```')).toThrow('x.md:1: a console block must start with a "$ " command line');
    expect(() => examples('x.md', '<!-- example: terminal -->\n```console\n✔ a question\n```')).toThrow('x.md:2: a console block must start with a "$ " command line');
  });

  it('`...` stands for any lines and `[..]` for any text in a line', () => {
    expect(matches(['a', '...', 'd'], ['a', 'b', 'c', 'd'])).toBe(true);
    expect(matches(['a', '...', 'd'], ['a', 'd'])).toBe(true);
    expect(matches(['a', '...'], ['a', 'b'])).toBe(true);
    expect(matches(['a', '...', 'd'], ['a', 'b', 'c'])).toBe(false);
    expect(matches(['took [..] s'], ['took 1.5 s'])).toBe(true);
    expect(matches(['took [..] s'], ['took 1.5 ms'])).toBe(false);
    expect(matches(['a', 'b'], ['a', 'b', 'c'])).toBe(false);
  });

  it('shows a failing example as a diff of what really differs', () => {
    expect(asShown(['a', '...', 'd [..]', 'e'], ['a', 'b', 'c', 'd 7', 'E'])).toEqual(['a', '...', 'd [..]', 'E']);
    expect(asShown(['a', 'b'], ['a', 'B', 'c'])).toEqual(['a', 'B', 'c']);
  });
});

for (const file of FILES) {
  describe(`the console examples of ${file}`, () => {
    let found: Example[] = [];
    let error: Error | null = null;
    try {
      found = examples(file, readFileSync(join(ROOT, file), 'utf8'));
    } catch (e) {
      error = e as Error;
    }
    if (error) it(`${file} is written in the notation`, () => expect.fail(error.message));
    const terminal = found.filter((ex) => ex.skip === 'needs a terminal').map((ex) => ex.where.split(':')[1]);
    if (terminal.length) console.warn(`docs: ${file}: the examples at lines ${terminal.join(', ')} need a terminal and are not run here (test/tmux.e2e.test.ts replays them in one)`);
    for (const ex of found) {
      const title = `${ex.where} $ ${ex.commands[0]?.line ?? '(a terminal session)'}`.slice(0, 140);
      if (ex.skip !== null) {
        it.skip(`${title} [${ex.skip}]`, () => {});
        continue;
      }
      it(title, () => {
        for (const c of runExample(ex)) {
          const what = `${ex.where}: $ ${c.line}`;
          if (!matches(c.expected, c.output)) expect(asShown(c.expected, c.output).join('\n'), `${what}\nprints something else than the block shows`).toBe(c.expected.join('\n'));
          expect(c.status, `${what}\nexits ${c.status}: a command that exits other than 0 ends its line with "# exit ${c.status}"`).toBe(c.exit);
        }
      });
    }
  });
}

it('finds the documentation files and their examples', () => {
  expect(FILES).toEqual(expect.arrayContaining(['README.md', 'README.zh-CN.md', 'docs/guide.md', 'docs/guide.zh-CN.md', 'docs/performance.md', 'docs/README-examples.md']));
  const run = (f: string) => examples(f, readFileSync(join(ROOT, f), 'utf8')).filter((ex) => ex.skip === null).length;
  for (const f of ['README.md', 'README.zh-CN.md']) expect(run(f), f).toBeGreaterThan(0);
  for (const f of ['docs/guide.md', 'docs/guide.zh-CN.md']) expect(run(f), f).toBeGreaterThan(30);
});

it('the guides name every command of `evaluate --help`', () => {
  const help = runHelp();
  const commands = [...help.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!).filter((c) => c !== 'help');
  expect(commands.length).toBeGreaterThan(10);
  for (const f of ['README.md', 'README.zh-CN.md', 'docs/guide.md', 'docs/guide.zh-CN.md']) {
    const text = readFileSync(join(ROOT, f), 'utf8');
    expect(commands.filter((c) => !text.includes(`evaluate ${c}`)), `${f} never shows these commands`).toEqual([]);
  }
});
