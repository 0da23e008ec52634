// Only the interactive commands may load inquirer. Two hooks log every module the process asks for:
// an ESM resolve hook (node --import) and a wrapper of CommonJS loading (node --require), since the
// bundle (dist/cli.cjs) is CommonJS; the non-interactive commands must ask for nothing of @inquirer.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, FIX, ROOT, tempDir } from './helpers.js';

let dir: string;
let register: string;

beforeAll(() => {
  dir = tempDir();
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(log, specifier + ' -> ' + r.url + '\\n');
  return r;
}
`,
  );
  writeFileSync(
    join(dir, 'require-hook.cjs'),
    `const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  appendFileSync(process.env.RESOLVE_LOG, 'require ' + request + '\\n');
  return load.apply(this, arguments);
};
`,
  );
  register = join(dir, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)}, { data: { log: process.env.RESOLVE_LOG } });
`,
  );
});

/** Runs node with the hook and returns the exit code and every module resolution it logged. */
function traced(args: string[], name: string, cwd = ROOT): { code: number | null; resolved: string[] } {
  const log = join(dir, `${name}.log`);
  const r = spawnSync(process.execPath, ['--require', join(dir, 'require-hook.cjs'), '--import', pathToFileURL(register).href, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8', RESOLVE_LOG: log },
    encoding: 'utf8',
    input: '',
  });
  return { code: r.status, resolved: existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [] };
}

const inquirer = (lines: string[]) => lines.filter((l) => l.includes('@inquirer'));

describe('inquirer is loaded only by the interactive commands', () => {
  it('the hook sees inquirer when it is loaded (the control)', () => {
    const t = traced(['--input-type=module', '-e', "await import('@inquirer/prompts')"], 'control');
    expect(t.code).toBe(0);
    expect(inquirer(t.resolved).length).toBeGreaterThan(0);
  });

  it.each([
    ['score', ['score', join(FIX, '2026-H1.csv')]],
    ['score --format csv', ['score', join(FIX, '2026-H1.csv'), '--format', 'csv']],
    ['template', ['template', '--roster', join(FIX, 'roster.csv'), '--semester', '2026-H1', '--out', 'OUT']],
    ['init --yes', ['init', '--yes', '--out', 'OUT/policy.json']],
    ['--help', ['--help']],
  ])('evaluate %s does not load it', (name, args) => {
    const out = tempDir();
    const t = traced([BIN, ...args.map((a) => a.replace('OUT', out))], name.replace(/\W+/g, '-'));
    expect(t.code).toBe(0);
    // The hooks saw the program being loaded (the bundle asks for commander's built-ins)...
    expect(t.resolved.some((l) => l.includes('/bin/evaluate.cjs'))).toBe(true);
    expect(t.resolved).toContain('require node:events');
    // ...and nothing of inquirer.
    expect(inquirer(t.resolved)).toEqual([]);
  });
});

describe('the installed command can load inquirer', () => {
  // bin/evaluate.cjs runs the bundle from V8's code cache, where the bundle cannot import() by itself:
  // drive `evaluate init` in a real terminal (util-linux `script` gives it one) up to its first question.
  const script = spawnSync('script', ['--version']).status === 0;
  if (!script) console.warn('skipped: "evaluate init asks its first question in a terminal": util-linux `script` is not installed (apt-get install bsdutils)');
  it.skipIf(!script)('evaluate init asks its first question in a terminal, and Ctrl-C stops it', async () => {
    const out = join(tempDir(), 'policy.json');
    const { spawn } = await import('node:child_process');
    const child = spawn('script', ['-qfec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} init --out ${JSON.stringify(out)}`, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8', TERM: 'xterm' },
    });
    let seen = '';
    child.stdout.on('data', (d: Buffer) => {
      seen += d.toString('utf8');
      if (seen.includes('Maximum score of listen') && !seen.includes('\u0003sent')) {
        seen += '\u0003sent';
        child.stdin.write('\u0003');
      }
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(seen).toContain('Maximum score of listen');
    expect(seen).toContain('Stopped; nothing was written.');
    expect(code).toBe(130);
    expect(existsSync(out)).toBe(false);
  });
});

describe('the bundle', () => {
  // Under the code cache the bundle cannot import() by itself: every module it loads at run time must
  // be bundled in or required, except inquirer, which goes through the bin's import (io/inquirer.ts).
  it('has no import() left but the fallbacks for inquirer and exceljs (the score bundle: exceljs only)', () => {
    const imports = (name: string) => [...readFileSync(join(ROOT, 'dist', name), 'utf8').matchAll(/\bimport\((["'][^"']*["'])\)/g)].map((m) => m[1]).sort();
    expect(imports('cli.cjs')).toEqual(['"@inquirer/prompts"', '"exceljs"']);
    expect(imports('score.cjs')).toEqual(['"exceljs"']);
  });
});
