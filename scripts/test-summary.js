// Prints vitest's counts as the closing line CI reads: "N passed, M failed".
import { readFileSync } from 'node:fs';

let r;
try {
  r = JSON.parse(readFileSync(new URL('../test-results.json', import.meta.url), 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const failed = r.numFailedTests + (r.numFailedTestSuites ?? 0) - (r.numFailedTestSuites ? countSuiteFailuresWithTests(r) : 0);
function countSuiteFailuresWithTests(res) {
  // A suite that failed because a test failed is already counted in numFailedTests.
  return res.testResults.filter((f) => f.status === 'failed' && f.assertionResults.some((a) => a.status === 'failed')).length;
}
const skipped = r.numPendingTests + r.numTodoTests;
console.log(`${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
