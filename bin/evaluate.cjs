#!/usr/bin/env node
// Runs the bundled CLI (dist/cli.cjs) with V8's code cache (dist/cli.cache, written at build time
// by a run on the sample): the functions of a typical run arrive compiled. A cache V8 rejects
// (another Node version) is only ignored. This file is CommonJS on purpose: an ES module as the
// entry point starts Node's ES module loader, which cost about 7 ms of a 100 ms start.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const file = join(__dirname, '..', 'dist', 'cli.cjs');
const cacheFile = join(__dirname, '..', 'dist', 'cli.cache');
const writeCache = process.env.EVALUATE_WRITE_CODE_CACHE === '1';
let cachedData;
if (!writeCache) {
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
}
// A script compiled from a code cache cannot import() on its own: the bundle loads ES modules
// (inquirer, for the interactive commands) through this function instead.
globalThis.__evaluateImport = (specifier) => import(specifier);
// A big sheet is read on two threads; the second runs this file again (see src/io/parallel.ts).
globalThis.__evaluateBin = __filename;
const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
if (writeCache) process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
const bundle = { exports: {} };
script.runInThisContext().call(bundle.exports, bundle.exports, Module.createRequire(file), bundle, file, dirname(file));
