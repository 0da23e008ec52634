// Builds the CLI into a few files in dist/: one bundle for start-up (commander, chalk and our code
// read in one go instead of ~60 module files), split chunks for what only some commands need.
// Inquirer stays external and is imported only by the interactive commands.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@inquirer/*'],
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  // commander is CommonJS: give the ESM bundle a require for its node: built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
