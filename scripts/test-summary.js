// Prints vitest's counts as the closing line CI reads: "N passed, M failed" (then ", K skipped").
// Tests only, as vitest's own "Tests" line counts them: numFailedTestSuites counts describe blocks
// (a failing test fails each block around it), so it is not added. A test file that failed
// outside any test (it could not be loaded, a hook threw) has no failed test to count: it is named
// after the counts, so that the line never reads as a clean run when vitest's did not.
// Usage: node scripts/test-summary.js [RESULTS.json]   (default: test-results.json, npm test's)
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const shown = (p) => (p.startsWith(root) ? relative(root, p) : p);
const file = process.argv[2] ?? fileURLToPath(new URL('../test-results.json', import.meta.url));

let r;
try {
  r = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  console.log(`0 passed, 1 failed; no test results in ${shown(file)}: vitest did not finish`);
  process.exit(1);
}
const skipped = r.numPendingTests + r.numTodoTests;
const broken = r.testResults
  .filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'))
  .map((f) => `${shown(f.name)}${f.message ? ` (${f.message.split('\n')[0].slice(0, 80)})` : ''}`);
let line = `${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
if (broken.length) line += `; ${broken.length} test file${broken.length > 1 ? 's' : ''} failed outside any test: ${broken.join(', ')}`;
console.log(line);
