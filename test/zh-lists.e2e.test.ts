/** Chinese running text: lists with 、, and the consensus sheet's rater as 考评小组, in panel, explain and the report. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX, run, tempDir } from './helpers.js';

/** The H1 fixture as a consensus sheet: no rater or role column, one row a person (the leader's scores). */
function consensus(dir: string): string {
  const lines = readFileSync(join(FIX, '2026-H1.csv'), 'utf8').trim().split('\n');
  const drop = (l: string) => l.split(',').filter((_, i) => i !== 4 && i !== 5).join(',');
  const rows = [drop(lines[0]!), ...lines.slice(1).filter((l) => l.split(',')[5] === 'leader').map(drop)];
  const file = join(dir, 'consensus.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

describe('Chinese lists and the consensus rater', () => {
  it('panel and explain call the consensus rater 考评小组 in Chinese, committee in English and in JSON', () => {
    const file = consensus(tempDir());
    const panel = run(['panel', file, '--lang', 'zh', '--no-color']);
    expect(panel.code).toBe(0);
    expect(panel.stdout).toMatch(/\n考评小组 +（无）/);
    expect(panel.stdout).not.toContain('committee');
    const explain = run(['explain', 'S001', file, '--lang', 'zh', '--no-color']);
    expect(explain.stdout).toMatch(/\n考评小组 +（无）/);
    expect(run(['panel', file, '--no-color']).stdout).toMatch(/\ncommittee +\(none\)/);
    expect(JSON.parse(run(['panel', file, '--lang', 'zh', '--format', 'json']).stdout).raters[0].rater).toBe('committee');
  });

  it('panel flags are listed with 、 in Chinese, with a comma in English', () => {
    const sheet = readFileSync(join(FIX, '2026-H1.csv'), 'utf8').replace(/^(.*,学生乙,student),.*$/gm, '$1,20,20,20,20,20');
    const file = join(tempDir(), 'h1.csv');
    writeFileSync(file, sheet);
    expect(run(['panel', file, '--lang', 'zh', '--no-color']).stdout).toMatch(/学生乙 .* 评分雷同、偏宽\n/);
    expect(run(['panel', file, '--no-color']).stdout).toMatch(/学生乙 .* identical scores, lenient\n/);
  });
});
