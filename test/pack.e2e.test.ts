/**
 * The package as people install it: `npm pack` (which builds dist/ through the `prepare` script),
 * then `npm install -g --prefix DIR --ignore-scripts` of the tarball, then `evaluate` from a folder
 * outside the repository. The tarball must hold what runs (the bundle, its code cache, the bin,
 * README, LICENSE, the sample sheets) and nothing of the development (tests, benches, scripts,
 * sources). `dependencies` holds only what the bundle leaves outside (inquirer): everything else is
 * bundled by esbuild and is a devDependency, so the install fetches little.
 *
 * The pack runs in a copy of the repository (its node_modules linked): building there leaves this
 * checkout's dist/, which the other test files are running, alone. Everything goes into one
 * temporary folder, removed at the end; npm's download cache is the only thing outside it, and
 * `--prefer-offline` takes the dependencies from it when they are there.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from './helpers.js';

const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string> };

/** npm with this run's npm_* variables left out (`npm test` sets some that would point npm at ROOT). */
function npm(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && (!/^npm_/i.test(k) || /^npm_config_(registry|cache|userconfig)$/i.test(k))) env[k] = v;
  const r = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const work = tempDir();
const clone = join(work, 'clone');
const prefix = join(work, 'prefix');
const outside = join(work, 'elsewhere');
const installed = join(prefix, 'lib', 'node_modules', PKG.name);
let tarball = '';
let entries: string[] = [];

/** `evaluate ARGS` as the shell finds it after the install, run in a folder outside the repository. */
function evaluate(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync('evaluate', args, { cwd: outside, env: { PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`, LANG: 'en_US.UTF-8', ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // What a clone holds (as .gitignore has it): no node_modules at any depth, no build, no results.
  const ignored = (rel: string) => rel.split(sep).includes('node_modules') || /^(dist|coverage|\.git|test-results\.json)$/.test(rel.split(sep)[0]!) || /\.(tgz|cpuprofile)$/.test(rel);
  cpSync(ROOT, clone, { recursive: true, filter: (p) => !ignored(relative(ROOT, p)) });
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
  const pack = npm(['pack', '--json', '--pack-destination', work], clone);
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  const info = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info[0]!.filename);
  entries = info[0]!.files.map((f) => f.path).sort();
  const install = npm(['install', '-g', '--prefix', prefix, '--ignore-scripts', '--prefer-offline', tarball], work);
  if (install.status !== 0) throw new Error(`npm install -g of the tarball failed:\n${install.stderr}`);
  cpSync(join(installed, 'fixtures'), outside, { recursive: true });
}, 240_000);

describe(`the tarball, ${PKG.name}-${PKG.version}.tgz`, () => {
  it('holds the built program, the bin, README, LICENSE and the sample sheets', () => {
    expect(existsSync(tarball)).toBe(true);
    for (const f of ['package.json', 'LICENSE', 'README.md', 'bin/evaluate.cjs', 'dist/cli.cjs', 'dist/cli.cache', 'dist/score.cjs', 'dist/score.cache', 'fixtures/2026-H1.csv', 'fixtures/2026-H2.csv', 'fixtures/roster.csv', 'fixtures/policy.json']) {
      expect(entries).toContain(f);
    }
    for (const f of ['README.zh-CN.md', 'fixtures/forms/long.csv']) if (existsSync(join(ROOT, f))) expect(entries).toContain(f);
    for (const name of ['cli.cjs', 'score.cjs']) {
      const bundle = readFileSync(join(installed, 'dist', name), 'utf8');
      // The last line says how long the bundle before it is (bin/evaluate.cjs checks it).
      expect(bundle.slice(bundle.lastIndexOf('\n', bundle.length - 2) + 1)).toBe(`// evaluate: end of bundle ${bundle.lastIndexOf('// evaluate: end of bundle')}\n`);
    }
  });

  it('holds nothing of the development: no tests, benches, build scripts, sources or lock file', () => {
    expect(entries.filter((f) => /^(test|bench|scripts|src|node_modules|\.ci)\//.test(f) || /(^|\/)(package-lock\.json|tsconfig\.json|vitest\.config\.ts|eslint\.config\.js)$/.test(f))).toEqual([]);
  });

  it('names in `dependencies` every module the bundles load from outside themselves', () => {
    const bundle = ['cli.cjs', 'score.cjs'].map((name) => readFileSync(join(installed, 'dist', name), 'utf8')).join('\n');
    const outsiders = new Set([...bundle.matchAll(/\b(?:require|import|viaBin)\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]!).filter((s) => !s.startsWith('node:') && !s.startsWith('.')));
    expect(outsiders.size).toBeGreaterThan(0);
    for (const spec of outsiders) {
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
      expect(PKG.dependencies, `${spec} is loaded by the bundle`).toHaveProperty([name]);
      expect(existsSync(join(installed, 'node_modules', name, 'package.json')), `${name} is installed with the package`).toBe(true);
    }
  });
});

describe('installed with `npm install -g --ignore-scripts` from the tarball', () => {
  it('`evaluate --version` prints the package version', () => {
    const r = evaluate(['--version']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${PKG.version}\n`);
    expect(r.code).toBe(0);
  });

  it('`evaluate score` on a sample sheet, outside the repository, prints what the checkout prints', () => {
    const r = evaluate(['score', '2026-H1.csv']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(run(['score', '2026-H1.csv'], { cwd: outside }).stdout);
    expect(r.stdout).toContain('Staff evaluation 2026-H1: 24 staff, 5 raters');
  });

  it('starts from the code caches made at pack time: score from its own bundle, the other commands from the whole one', () => {
    const r = evaluate(['score', '2026-H1.csv', '--format', 'csv'], { EVALUATE_DEBUG: '1' });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`evaluate: code cache ${join(installed, 'dist', 'score.cache')}: used\n`);
    const y = evaluate(['year', '2026-H1.csv', '2026-H2.csv', '--format', 'csv'], { EVALUATE_DEBUG: '1' });
    expect(y.code).toBe(0);
    expect(y.stderr).toContain(`evaluate: code cache ${join(installed, 'dist', 'cli.cache')}: used\n`);
  });

  it('a code cache V8 rejects (another Node.js, a damaged file) is only ignored, and made again for the next run', () => {
    const cache = join(installed, 'dist', 'score.cache');
    const good = readFileSync(cache);
    writeFileSync(cache, good.subarray(0, 1000));
    try {
      const r = evaluate(['score', '2026-H1.csv'], { EVALUATE_DEBUG: '1' });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`evaluate: code cache ${cache}: rejected (built on another Node.js?); made again at exit if dist/ is writable\n`);
      expect(r.stdout).toBe(run(['score', '2026-H1.csv'], { cwd: outside }).stdout);
      expect(evaluate(['score', '2026-H1.csv'], { EVALUATE_DEBUG: '1' }).stderr).toContain(`evaluate: code cache ${cache}: used\n`);
      expect(readdirSync(join(installed, 'dist')).sort()).toEqual(['cli.cache', 'cli.cjs', 'score.cache', 'score.cjs']);
    } finally {
      writeFileSync(cache, good);
    }
  });

  it('without its bundle, one line saying to install it again, no stack trace', () => {
    for (const [name, args] of [
      ['score.cjs', ['score', '2026-H1.csv']],
      ['cli.cjs', ['year', '2026-H1.csv', '2026-H2.csv']],
    ] as const) {
      const bundle = join(installed, 'dist', name);
      renameSync(bundle, `${bundle}.away`);
      try {
        const r = evaluate([...args]);
        expect(r.code).toBe(70);
        expect(r.stdout).toBe('');
        expect(r.stderr).toBe(`evaluate: error: the built program is missing (${bundle}); install it again: npm install -g ${PKG.name}\n`);
      } finally {
        renameSync(`${bundle}.away`, bundle);
      }
    }
  });
});

describe('a checkout whose build is missing or cut short', () => {
  it('says in one line to run `npm run build`, in English or Chinese, never a stack trace', () => {
    const bundle = join(clone, 'dist', 'score.cjs');
    const bin = join(clone, 'bin', 'evaluate.cjs');
    const text = readFileSync(bundle, 'utf8');
    const node = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [bin, ...args], { cwd: outside, env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8', ...env }, encoding: 'utf8' });
    for (const damaged of [text.slice(0, text.length >> 1), `${text.slice(0, text.length >> 1)}\n// evaluate: end of bundle\n`]) {
      writeFileSync(bundle, damaged);
      const r = node(['score', '2026-H1.csv']);
      expect(r.status).toBe(70);
      expect(r.stderr).toBe(`evaluate: error: the built program is cut short or damaged (${bundle}); run "npm run build" in ${clone}\n`);
    }
    writeFileSync(bundle, '');
    expect(node(['score', '2026-H1.csv', '--lang', 'zh']).stderr).toBe(`evaluate: error: 构建出的程序不完整或已损坏（${bundle}）；请在 ${clone} 中运行：npm run build\n`);
    renameSync(bundle, `${bundle}.away`);
    const r = node(['score', '2026-H1.csv'], { LANG: 'zh_CN.UTF-8' });
    expect(r.status).toBe(70);
    expect(r.stderr).toBe(`evaluate: error: 程序尚未构建（${bundle}）；请在 ${clone} 中运行：npm run build\n`);
    expect(readdirSync(join(clone, 'dist'))).toContain('score.cjs.away');
    // The whole bundle, for every other command, is whole and was never looked at.
    const whole = join(clone, 'dist', 'cli.cjs');
    expect(node(['--version']).stdout).toBe(`${PKG.version}\n`);
    renameSync(whole, `${whole}.away`);
    expect(node(['--version']).stderr).toBe(`evaluate: error: the built program is missing (${whole}); run "npm run build" in ${clone}\n`);
    renameSync(`${whole}.away`, whole);
  });
});
