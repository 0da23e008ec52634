/**
 * The closing line of `npm test` (scripts/test-summary.js), which CI reads, counts tests as vitest
 * does: a failing test inside nested describe blocks is one failure, not one per block. Checked on
 * a deliberately failing test folder run by a vitest of its own, outside this suite.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

function summary(files: Record<string, string>): { dir: string; vitest: string; line: string } {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const results = join(dir, 'results.json');
  // A clean environment: the VITEST_* variables of this run would make the inner vitest a worker of it.
  const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };
  const v = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', dir, '--globals', '--reporter=default', '--reporter=json', `--outputFile=${results}`], { cwd: dir, env, encoding: 'utf8' });
  const s = spawnSync(process.execPath, [join(ROOT, 'scripts', 'test-summary.js'), results], { env, encoding: 'utf8' });
  return { dir, vitest: v.stdout, line: s.stdout };
}

describe('the line CI reads', () => {
  it('counts failed tests, not the describe blocks around them', () => {
    const { vitest, line } = summary({
      'nested.test.ts': `
describe('outer', () => {
  describe('inner', () => {
    it('fails once', () => expect(1).toBe(2));
    it('passes', () => expect(1).toBe(1));
  });
  it('fails twice', () => expect(1).toBe(2));
  it.skip('is skipped', () => {});
});
it('passes at the top', () => {});
`,
    });
    expect(vitest).toMatch(/Tests\s+2 failed \| 2 passed \| 1 skipped \(5\)/);
    expect(line).toBe('2 passed, 2 failed, 1 skipped\n');
  });

  it('names a test file that failed outside its tests, which has no failed test to count', () => {
    const { dir, vitest, line } = summary({
      'fine.test.ts': `it('passes', () => {});\n`,
      'broken.test.ts': `throw new Error('cannot load');\n`,
    });
    expect(vitest).toMatch(/Test Files\s+1 failed \| 1 passed/);
    expect(line).toBe(`1 passed, 0 failed; 1 test file failed outside any test: ${join(dir, 'broken.test.ts')} (cannot load)\n`);
  });
});

