// Builds the CLI into two CommonJS bundles of the same sources (commander, chalk and our code read in
// one go instead of ~60 module files; inquirer stays outside and is imported only by the interactive
// commands): dist/cli.cjs with every command, and dist/score.cjs with `score` alone (the others'
// modules left out: src/commands/list.ts), which the command run most often starts from. Then it runs
// each once on the sample to save V8's code cache next to it (dist/cli.cache, dist/score.cache):
// bin/evaluate.cjs hands that cache to V8, so the functions of a typical run start compiled.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
// commander loads node:child_process (and with it net, dgram and streams, a few ms at every start)
// for the executable subcommands this tool never has: it gets it only if it ever asks.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, () => ({ path: 'child_process', namespace: 'lazy' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, k) => process.getBuiltinModule('node:child_process')[k] });",
      loader: 'js',
    }));
  },
};
/** Builds dist/NAME.cjs: EVALUATE_BUNDLE is "score" for the bundle of `score` alone. */
async function bundle(name, kind) {
  const outfile = `dist/${name}.cjs`;
  await build({
    entryPoints: ['src/cli.ts'],
    plugins: [lazyChildProcess],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // Loaded from node_modules only by the commands that need them, not parsed at every start:
    // prompts (init, enter), GBK writing (enter), workbooks (xlsx).
    external: ['@inquirer/*', 'iconv-lite', 'exceljs'],
    // Defined in both bundles, so that neither reads the variable at run time.
    define: { 'process.env.EVALUATE_BUNDLE': JSON.stringify(kind) },
    legalComments: 'none',
    // Without the indentation and line breaks, and with shorter forms of the same statements (names are
    // kept: a stack trace under EVALUATE_DEBUG still names its functions): 1,008 KB -> about 720 KB for
    // bin/evaluate.cjs to read and copy into a string at every start (about 6 ms of 156 on the sample).
    minifyWhitespace: true,
    minifySyntax: true,
    // bin/evaluate.cjs checks for this last line (with the length, added below): a bundle cut short says what to run, not a stack trace.
    footer: { js: '// evaluate: end of bundle' },
    logLevel: 'warning',
  });
  // The last line also says how long the bundle before it is (in characters): a bundle cut short and
  // given the line back by hand, or damaged in its middle, is told from a whole one.
  const out = new URL(`../${outfile}`, import.meta.url);
  const text = readFileSync(out, 'utf8');
  const end = text.lastIndexOf('// evaluate: end of bundle');
  if (end < 0) throw new Error(`build: ${outfile} has no end line`);
  // Every character outside ASCII written as its \u escape (only regular expressions and comments
  // keep them after esbuild): an ASCII bundle is read as a one-byte string, which V8 decodes, hashes
  // and scans faster than the two-byte string one Chinese character anywhere makes of it.
  const ascii = text.slice(0, end).replace(/[^\t\n\r -~]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // Written inside the function that Node.js wraps a CommonJS module in: bin/evaluate.cjs compiles the
  // file as it reads it. Wrapping it there made a second string of the whole bundle, which V8 then
  // flattened into a third (about 5 ms of every start).
  const wrapped = `(function (exports, require, module, __filename, __dirname) {\n${ascii}\n});\n`;
  writeFileSync(out, `${wrapped}// evaluate: end of bundle ${wrapped.length}\n`);
}
await Promise.all([bundle('cli', 'whole'), bundle('score', 'score')]);

/** Runs the bin once with EVALUATE_WRITE_CODE_CACHE=1: the cache of the bundle that command runs. */
function writeCache(name, args) {
  const r = spawnSync(process.execPath, ['bin/evaluate.cjs', ...args], {
    cwd: root,
    env: { ...process.env, EVALUATE_WRITE_CODE_CACHE: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0 || !existsSync(new URL(`../dist/${name}.cache`, import.meta.url))) {
    // The tool works without the cache, only starts a little slower: say so, do not fail the install.
    console.warn(`build: no code cache was written (dist/${name}.cache); evaluate will compile at each start`);
  }
}
// The score bundle's from `score` on the sample; the whole one's from `year` on both samples (with
// the sample policy, whose amounts are set: no warnings in the build's output), which reads, scores
// and ranks as most commands do.
writeCache('score', ['score', 'fixtures/2026-H1.csv', '--format', 'table']);
writeCache('cli', ['year', 'fixtures/2026-H1.csv', 'fixtures/2026-H2.csv', '--policy', 'fixtures/policy.json', '--format', 'table']);
