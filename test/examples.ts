/**
 * The console examples of the documentation: parsing them (the notation is docs/README-examples.md),
 * matching their output, and running them as test/docs.test.ts does (test/zh-words.e2e.test.ts runs
 * them again in Chinese).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BIN, FIX, ROOT, tempDir } from './helpers.js';

/** The documentation whose console examples are checked: README.md, README.zh-CN.md and docs/*.md, those that exist. */
export function docFiles(): string[] {
  const docs = existsSync(join(ROOT, 'docs')) ? readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`) : [];
  return ['README.md', 'README.zh-CN.md', ...docs].filter((f) => existsSync(join(ROOT, f)));
}

/** One console example, as parsed from its file. */
export interface Example {
  /** `README.md:44`, the line of the opening fence. */
  where: string;
  commands: { line: string; exit: number; expected: string[] }[];
  /** `terminal` or `not run: REASON`: why the block is not run here; null when it is. */
  skip: string | null;
  env: Record<string, string>;
  /** The folder the commands run in, relative to the scratch folder. */
  cwd: string;
  files: { name: string; text: string }[];
  before: string[];
}

const MARKER = /^<!--\s*example:?([\s\S]*?)-->\s*$/;

/** The console examples of one Markdown file, with their markers; throws on a marker it does not know. */
export function examples(file: string, text: string): Example[] {
  const lines = text.split('\n');
  const out: Example[] = [];
  let markers: { at: number; body: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('<!--') && /^<!--\s*example\b/.test(line)) {
      let j = i;
      while (!lines[j]!.includes('-->') && j < lines.length - 1) j++;
      const m = MARKER.exec(lines.slice(i, j + 1).join('\n'));
      if (!m) throw new Error(`${file}:${i + 1}: an example marker must end its line with -->`);
      markers.push({ at: i + 1, body: m[1]! });
      i = j;
      continue;
    }
    const fence = /^(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (fence) {
      const close = new RegExp(`^${fence[1]![0]}{${fence[1]!.length},}\\s*$`);
      let j = i + 1;
      while (j < lines.length && !close.test(lines[j]!)) j++;
      if (fence[2] === 'console') out.push(parse(`${file}:${i + 1}`, lines.slice(i + 1, j), markers));
      else if (markers.length) throw new Error(`${file}:${markers[0]!.at}: an example marker must stand right above a \`\`\`console block`);
      markers = [];
      i = j;
      continue;
    }
    if (line.trim() !== '' && markers.length) throw new Error(`${file}:${markers[0]!.at}: an example marker must stand right above a \`\`\`console block`);
  }
  return out;
}

function parse(where: string, body: string[], markers: { at: number; body: string }[]): Example {
  const ex: Example = { where, commands: [], skip: null, env: {}, cwd: '.', files: [], before: [] };
  const file = where.slice(0, where.lastIndexOf(':'));
  if (/\.zh-CN\.md$/.test(file)) ex.env.LANG = 'zh_CN.UTF-8';
  for (const { at, body: m } of markers) {
    const [first = '', ...rest] = m.replace(/^[ \t]+/, '').split('\n');
    const word = first.trim();
    let f: RegExpExecArray | null;
    if (word === 'terminal') ex.skip = 'needs a terminal';
    else if ((f = /^not run:\s*(.+)$/.exec(word))) ex.skip = `not run: ${f[1]}`;
    else if ((f = /^in\s+(\S+)$/.exec(word))) ex.cwd = f[1]!;
    else if ((f = /^([A-Z_][A-Z0-9_]*)=(\S*)$/.exec(word))) ex.env[f[1]!] = f[2]!;
    else if ((f = /^file\s+(\S+)$/.exec(word))) ex.files.push({ name: f[1]!, text: rest.join('\n').replace(/\n*$/, '\n') });
    else if (word === 'before') ex.before.push(...rest.filter((l) => l.startsWith('$ ')).map((l) => l.slice(2)));
    else throw new Error(`${file}:${at}: unknown example marker "${word}" (see docs/README-examples.md)`);
  }
  for (const line of body) {
    if (line.startsWith('$ ')) {
      const exit = / # exit (\d+)$/.exec(line);
      ex.commands.push({ line: line.slice(2), exit: exit ? Number(exit[1]) : 0, expected: [] });
    } else if (ex.commands.length) ex.commands.at(-1)!.expected.push(line);
    else throw new Error(`${where}: a console block must start with a "$ " command line (a terminal example too: it is replayed whole)`);
  }
  return ex;
}

/** Whether `actual` is what `expected` shows: a line `...` stands for any lines, `[..]` for any text in a line. */
export function matches(expected: string[], actual: string[]): boolean {
  const memo = new Map<number, boolean>();
  const go = (e: number, a: number): boolean => {
    const key = e * (actual.length + 1) + a;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let ok: boolean;
    if (e === expected.length) ok = a === actual.length;
    else if (expected[e] === '...') ok = go(e + 1, a) || (a < actual.length && go(e, a + 1));
    else ok = a < actual.length && lineMatches(expected[e]!, actual[a]!) && go(e + 1, a + 1);
    memo.set(key, ok);
    return ok;
  };
  return go(0, 0);
}

function lineMatches(expected: string, actual: string): boolean {
  if (!expected.includes('[..]')) return expected === actual;
  const re = expected
    .split('[..]')
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${re}$`, 'su').test(actual);
}

/**
 * The actual output written the way the block would show it where they agree (a line matched by a
 * `[..]` line becomes that line, the lines under a `...` become `...`): compared with the block,
 * the diff shows only what really differs.
 */
export function asShown(expected: string[], actual: string[]): string[] {
  const shown: string[] = [];
  let a = 0;
  for (let e = 0; e < expected.length; e++) {
    const want = expected[e]!;
    if (want === '...') {
      const next = expected.slice(e + 1).find((l) => l !== '...');
      if (next === undefined) a = actual.length;
      else while (a < actual.length && !lineMatches(next, actual[a]!)) a++;
      shown.push('...');
      continue;
    }
    if (a >= actual.length) break;
    shown.push(lineMatches(want, actual[a]!) ? want : actual[a]!);
    a++;
  }
  return shown.concat(actual.slice(a));
}

/** Where an example runs: its scratch folder, the folder its commands run in, and their environment. */
export interface Scratch {
  scratch: string;
  cwd: string;
  env: Record<string, string>;
}

/**
 * A scratch folder for an example, removed when the test file ends: a copy of fixtures/, the
 * example's files, and `evaluate` and `npx evaluate` on the PATH as the checkout's build. The
 * commands of its `before` marker are run by the caller (runExample, or the terminal test).
 */
export function scratchFor(ex: Pick<Example, 'cwd' | 'env' | 'files'>, env: Record<string, string> = {}): Scratch {
  const scratch = tempDir();
  cpSync(FIX, join(scratch, 'fixtures'), { recursive: true });
  const shims = join(scratch, '.bin');
  mkdirSync(shims);
  // `evaluate` and `npx evaluate` are the checkout's build; any other npx is npm's.
  writeFileSync(join(shims, 'evaluate'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
  writeFileSync(join(shims, 'npx'), `#!/bin/sh\nif [ "$1" = evaluate ]; then shift; exec evaluate "$@"; fi\nPATH=${JSON.stringify(process.env.PATH ?? '')} exec npx "$@"\n`);
  for (const f of ['evaluate', 'npx']) chmodSync(join(shims, f), 0o755);
  const cwd = join(scratch, ex.cwd);
  mkdirSync(cwd, { recursive: true });
  for (const f of ex.files) {
    mkdirSync(dirname(join(cwd, f.name)), { recursive: true });
    writeFileSync(join(cwd, f.name), f.text);
  }
  return { scratch, cwd, env: { PATH: `${shims}:${process.env.PATH ?? ''}`, HOME: scratch, LANG: 'en_US.UTF-8', NO_COLOR: '1', TERM: 'dumb', ...ex.env, ...env } };
}

/** A command of an example, with what it printed and its exit status. */
export interface Ran {
  line: string;
  exit: number;
  expected: string[];
  output: string[];
  status: number;
}

/** Runs an example's commands in one bash, each followed by a line with a mark and its exit status. */
export function runExample(ex: Example, env: Record<string, string> = {}): Ran[] {
  return runIn(scratchFor(ex, env), ex.where, ex.before, ex.commands);
}

/** Runs `before` (output not shown; each must exit 0), then `commands` one after another in one bash, in a scratch folder. */
export function runIn({ scratch, cwd, env }: Scratch, where: string, before: string[], commands: Example['commands']): Ran[] {
  const mark = `--example-${process.pid}-${Date.now()}--`;
  const script = ['exec 2>&1', ...before.map((c) => `{ ${c}\n} >/dev/null 2>&1 || { echo "${mark} before failed: $?"; exit 1; }`)];
  for (const c of commands) script.push(c.line, `__s=$?; printf '\\n%s %d\\n' '${mark}' "$__s"; (exit "$__s")`);
  writeFileSync(join(scratch, '.example.sh'), `${script.join('\n')}\n`);
  const r = spawnSync('bash', ['--norc', '--noprofile', join(scratch, '.example.sh')], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  if (r.error) throw new Error(`${where}: the example did not finish: ${r.error.message}`);
  const text = r.stdout;
  if (text.includes(`${mark} before failed`)) throw new Error(`${where}: a command of the "before" marker failed:\n${text}`);
  const parts = text.split(new RegExp(`\\n${mark} (\\d+)\\n`));
  return commands.map((c, i) => {
    const out = parts[2 * i] ?? '';
    const status = Number(parts[2 * i + 1] ?? NaN);
    // A terminal shows a CRLF line end (CSV for Excel) as a line end.
    const output = out === '' ? [] : out.replace(/\n$/, '').split('\n').map((l) => l.replace(/\r$/, ''));
    return { ...c, output, status };
  });
}
