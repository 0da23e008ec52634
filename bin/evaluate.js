#!/usr/bin/env node
// Runs the bundled CLI (dist/cli.cjs) with V8's code cache (dist/cli.cache, written at build time
// by a run on the sample): the functions of a typical run arrive compiled, which takes about a
// fifth off `evaluate score`'s start. A cache V8 rejects (another Node version) is only ignored.
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const file = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
const cacheFile = fileURLToPath(new URL('../dist/cli.cache', import.meta.url));
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
const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
if (writeCache) process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
const module = { exports: {} };
script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
