#!/usr/bin/env node
// Runs the bundled CLI with V8's code cache (written at build time by a run on the sample): the
// functions of a typical run arrive compiled. There are two bundles of the same sources
// (scripts/build.js): dist/cli.cjs holds every command, dist/score.cjs only `score`, the command run
// most often, which then starts with about two thirds of the bytes to read and compile. A command
// line with the word `score` in it starts with the score bundle, which hands any other command it
// finds there to the whole one before doing anything (src/cli.ts main). A cache V8 rejects
// (another Node version, other V8 flags, a damaged file) is only ignored: the bundle is compiled as
// usual (20-40 ms slower on the sample), and the cache is made again for the next run. This file is
// CommonJS on purpose: an ES module as the entry point starts Node's ES module loader, which cost
// about 7 ms of a 100 ms start.
'use strict';
const { accessSync, closeSync, constants, existsSync, fstatSync, openSync, readSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { isAscii } = require('node:buffer');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const root = join(__dirname, '..');
// scripts/build.js ends the bundle with this line and the bundle's length: a bundle without it, or of another length, was cut short.
const END = '// evaluate: end of bundle';

/**
 * No bundle, or a damaged one: one line that says what to run, never a stack trace. In a clone the
 * build is `npm run build`; an installed package has no build scripts, so it is installed again.
 * The words cannot come from src/i18n (they are in the bundle that is missing): the language is
 * chosen here as src/i18n/index.ts chooses it, --lang first, then LC_ALL / LC_MESSAGES / LANG, then
 * the system's locale.
 */
function brokenBuild(what, file) {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || (process.platform === 'win32' ? Intl.DateTimeFormat().resolvedOptions().locale : '');
  const lang = i < 0 ? env : argv[i].slice(7) || argv[i + 1] || '';
  const zh = /^zh/i.test(lang);
  const clone = existsSync(join(root, 'scripts', 'build.js'));
  const line = zh
    ? `evaluate: error: ${what === 'missing' ? '程序尚未构建' : '构建出的程序不完整或已损坏'}（${file}）；` +
      (clone ? `请在 ${root} 中运行：npm run build` : '请重新安装：npm install -g staff-evaluation')
    : `evaluate: error: the built program ${what === 'missing' ? 'is missing' : 'is cut short or damaged'} (${file}); ` +
      (clone ? `run "npm run build" in ${root}` : 'install it again: npm install -g staff-evaluation');
  process.stderr.write(`${line}\n`);
  process.exit(70);
}

/**
 * A whole file, in one buffer used for both reads: the bundle's bytes are copied into a string before
 * the cache is read into the same memory, which the first read has already brought in (500 KB of
 * fresh memory is 130 page faults, about 1.5 ms of a start on the machine of docs/performance.md).
 * The buffer is only valid until the next read, and let go once the bundle is compiled.
 */
let buffer = null;
function readWhole(path) {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (buffer === null || buffer.length < size) buffer = Buffer.allocUnsafe(size);
    let n = 0;
    for (let r = 1; n < size && r > 0; n += r) r = readSync(fd, buffer, n, size - n, n);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Reads, compiles (with its cache) and runs dist/NAME.cjs. */
function runBundle(name) {
  const file = join(root, 'dist', `${name}.cjs`);
  const cacheFile = join(root, 'dist', `${name}.cache`);
  let source;
  try {
    // The build writes the bundle in ASCII: read as Latin-1 it is a one-byte string (faster for V8
    // than UTF-8 decoding into a two-byte one); a bundle with other bytes is read as UTF-8.
    const bytes = readWhole(file);
    source = isAscii(bytes) ? bytes.latin1Slice(0, bytes.length) : bytes.toString('utf8');
  } catch {
    brokenBuild('missing', file);
  }
  // The line ends with the length of the bundle before it (scripts/build.js).
  {
    const at = source.lastIndexOf(END);
    const length = at < 0 ? NaN : Number(source.slice(at + END.length).trim());
    if (at < 0 || length !== at) brokenBuild('incomplete', file);
  }

  let cachedData;
  if (!writeCache) {
    try {
      // V8 reads the cache while it compiles, below; nothing reads into the buffer after this.
      cachedData = readWhole(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  let script;
  try {
    // The build wrote the bundle inside the function Node.js wraps a module in (node:module's
    // Module.wrap): compiled as it was read, without a copy of the whole bundle made at every start.
    script = new vm.Script(source, { filename: file, cachedData });
  } catch (e) {
    if (e instanceof SyntaxError) brokenBuild('incomplete', file);
    throw e;
  }
  // Compiled: nothing reads the bytes again, and the buffer (the bundle's size) is not kept for the
  // whole run, in each thread.
  buffer = null;
  // A cache V8 did not take (the package was built on another Node.js version) or that is missing is
  // made again at the end of this run, for the next ones: the start is fast again from the second run.
  // Beside the bundle when that folder is writable (a global install by root is not: then nothing is
  // written); a temporary file renamed into place, so that two runs never leave half a cache.
  const remake = !worker && !writeCache && (cachedData === undefined || script.cachedDataRejected);
  // Not in the reader thread: its stderr reaches the main thread one write at a time while the main
  // thread waits, and the worker's own debug line must get through.
  if (process.env.EVALUATE_DEBUG && !worker) {
    const cache = cachedData === undefined ? 'none; made at exit if dist/ is writable' : script.cachedDataRejected ? 'rejected (built on another Node.js?); made again at exit if dist/ is writable' : 'used';
    process.stderr.write(`evaluate: code cache ${cacheFile}: ${cache}\n`);
  }
  if (writeCache) process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
  else if (remake) {
    process.once('exit', () => {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        accessSync(dirname(cacheFile), constants.W_OK);
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        try {
          rmSync(tmp, { force: true });
        } catch {
          // Nothing could be written: nothing to remove.
        }
      }
    });
  }
  const bundle = { exports: {} };
  // The bundle gets this file's require: what it loads at run time (Node.js's own modules; inquirer,
  // iconv-lite and exceljs from the package's node_modules) is found from bin/ as from dist/, and
  // node:module, which Module.createRequire(file) needed, is not loaded at every start (about 1 ms).
  script.runInThisContext().call(bundle.exports, bundle.exports, require, bundle, file, dirname(file));
}

const writeCache = process.env.EVALUATE_WRITE_CODE_CACHE === '1';
// The reader thread of a big sheet (src/io/two-threads.ts) runs this file too; it leaves the caches
// alone, and needs only what both bundles hold: it runs the smaller.
const worker = process.argv[2] === '--evaluate-read-worker';
// A script compiled from a code cache cannot import() on its own: the bundle loads ES modules
// (inquirer, for the interactive commands) through this function instead.
globalThis.__evaluateImport = (specifier) => import(specifier);
// A big sheet is read on two threads; the second runs this file again (see src/io/two-threads.ts).
globalThis.__evaluateBin = __filename;
// What the score bundle runs for a command it does not hold (src/cli.ts runWhole).
globalThis.__evaluateWhole = () => runBundle('cli');
// A full garbage collection (src/io/collect-garbage.ts says when): V8's gc, made visible for one new
// context only and the flag set back at once, so that no other context has it. Here, not in the
// bundle, with the bin's other use of node:vm (src/ holds none); node:v8 is looked up when first
// asked (a reading in two threads), not at every start.
let gc = null;
globalThis.__evaluateCollectGarbage = () => {
  if (gc === null) {
    const v8 = require('node:v8');
    v8.setFlagsFromString('--expose-gc');
    try {
      gc = vm.runInNewContext('gc');
    } finally {
      v8.setFlagsFromString('--no-expose-gc');
    }
  }
  gc();
};
runBundle(worker || process.argv.includes('score') ? 'score' : 'cli');
