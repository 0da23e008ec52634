// `npm run fuzz`: bundles test/fuzz-long.ts (TypeScript, with the sources it tests) and runs it.
// Not part of `npm test`: it runs 100,000 cases (FUZZ_RUNS to change, FUZZ_SEED to replay).
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'evaluate-fuzz-build-'));
const out = join(dir, 'fuzz-long.mjs');
try {
  await build({
    entryPoints: ['test/fuzz-long.ts'],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  await import(pathToFileURL(out).href);
} catch (e) {
  // A failing case has been printed already, with its seed.
  if (!(e instanceof Error && e.message === 'fuzz failed')) console.error(e);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
