import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX, run, tempDir } from './helpers.js';

const H1 = join(FIX, '2026-H1.csv');

describe('evaluate score on the fixtures', () => {
  it('prints the ranked table with ties sharing a rank', () => {
    const r = run(['score', H1, '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Staff evaluation 2026-H1: 24 staff, 5 raters');
    expect(r.stdout).toMatch(/^\s+9 {2}S002 {2}刘洋.* 85\.0 {2}good/m);
    expect(r.stdout).toMatch(/^\s+9 {2}S010 {2}马晓燕.* 85\.0 {2}good/m);
    expect(r.stdout).toMatch(/^\s+11 {2}S008/m);
    expect(r.stdout).toContain('Grades: excellent 5, good 10, qualified 6, unqualified 3');
  });

  it('gives SPEC-shaped JSON', () => {
    const r = run(['score', H1, '--format', 'json', '--policy', join(FIX, 'policy.json')]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.semesters).toHaveLength(1);
    const first = doc.semesters[0].staff[0];
    expect(Object.keys(first)).toEqual(['rank', 'staffId', 'name', 'post', 'methods', 'total', 'grade', 'raters', 'reward', 'penalty', 'rectifyBy']);
    expect(first).toMatchObject({ rank: 1, staffId: 'S011', name: '朱磊', grade: 'excellent', raters: 5, reward: 800, penalty: null, rectifyBy: null });
    const s007 = doc.semesters[0].staff.find((s: { staffId: string }) => s.staffId === 'S007');
    expect(s007).toMatchObject({ grade: 'unqualified', reward: null, penalty: 200, rectifyBy: '2026-07-30' });
    expect(doc.warnings).toEqual([]);
  });

  it('reports a bad score with its place and writes nothing', () => {
    const dir = tempDir();
    const sheet = join(dir, 'h1.csv');
    const text = readFileSync(H1, 'utf8').split('\n');
    text[3] = text[3]!.replace(/,[\d.]+$/, ',20.5');
    writeFileSync(sheet, text.join('\n'));
    const out = join(dir, 'out.csv');
    const r = run(['score', sheet, '--format', 'csv', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/h1\.csv:4:11: error: score 20\.5 for ask exceeds the maximum 20 \(S001 张伟, rater 赵老师\)/);
    expect(existsSync(out)).toBe(false);
  });
});
