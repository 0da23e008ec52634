/**
 * The two bundles of the same sources (scripts/build.js): dist/score.cjs holds `score` alone and
 * starts every command line with the word `score` in it; dist/cli.cjs holds every command. The score
 * bundle hands any other command to the whole one before doing anything (src/cli.ts main), so that
 * what a person sees never depends on which bundle ran.
 */
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands/list.js';
import { FIX, ROOT, run, tempDir } from './helpers.js';

/** A folder holding a folder named `score` with both sample semesters (and `bad`, a sheet with an error). */
function folders(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'score'));
  mkdirSync(join(dir, 'bad'));
  for (const f of ['2026-H1.csv', '2026-H2.csv']) copyFileSync(join(FIX, f), join(dir, 'score', f));
  copyFileSync(join(FIX, 'bad', 'score-over-max.csv'), join(dir, 'bad', 'score.csv'));
  return dir;
}

describe('the score bundle and the whole bundle', () => {
  it('another command on a command line with the word `score` runs in the whole bundle, as it would without the word', () => {
    const cwd = folders();
    for (const args of [
      ['year', 'score'],
      ['check', 'score', '--format', 'json'],
      ['help', 'year'],
    ]) {
      // `./score` is the same folder, and no word of the command line is `score`: the whole bundle from the start.
      const direct = run(args.map((a) => (a === 'score' ? './score' : a)), { cwd });
      const handed = run(args, { cwd });
      expect(handed.code, args.join(' ')).toBe(direct.code);
      expect(handed.stdout.replaceAll('./score', 'score'), args.join(' ')).toBe(direct.stdout.replaceAll('./score', 'score'));
      expect(handed.stderr.replaceAll('./score', 'score'), args.join(' ')).toBe(direct.stderr.replaceAll('./score', 'score'));
    }
    expect(run(['year', 'score'], { cwd }).stdout).toContain('Year 2026: 24 staff, H1 and H2 side by side');
  });

  it('hands over before anything else: the score bundle is read, then the whole one, and the exit code is the whole one\'s', () => {
    const cwd = folders();
    const r = run(['check', join('bad', 'score.csv'), 'score'], { cwd, env: { EVALUATE_DEBUG: '1' } });
    expect(r.code).toBe(1);
    const caches = r.stderr.split('\n').filter((l) => l.startsWith('evaluate: code cache '));
    expect(caches).toEqual([`evaluate: code cache ${join(ROOT, 'dist', 'score.cache')}: used`, `evaluate: code cache ${join(ROOT, 'dist', 'cli.cache')}: used`]);
    expect(r.stderr).toContain('bad/score.csv:');
    // `score` itself never reads the whole bundle.
    const s = run(['score', 'fixtures/2026-H1.csv'], { env: { EVALUATE_DEBUG: '1' } });
    expect(s.code).toBe(0);
    expect(s.stderr.split('\n').filter((l) => l.startsWith('evaluate: code cache '))).toEqual([`evaluate: code cache ${join(ROOT, 'dist', 'score.cache')}: used`]);
  });

  it('the score bundle holds the score command and none of the others\' modules: about two thirds of the bytes', () => {
    const score = readFileSync(join(ROOT, 'dist', 'score.cjs'), 'latin1');
    const whole = readFileSync(join(ROOT, 'dist', 'cli.cjs'), 'latin1');
    // Module names stay in esbuild's output as the keys of their initializers.
    for (const m of ['src/commands/score.ts', 'src/core/tally.ts', 'src/io/reader-thread.ts']) expect(score, m).toContain(`"${m}"`);
    // Every other command of the list, a new one too (its loader needs list.ts's guard).
    const others = COMMANDS.filter((c) => c.name !== 'score').map((c) => `src/commands/${c.name}.ts`);
    expect(others).toHaveLength(14);
    for (const m of [...others, 'src/render/report/html.ts', 'src/render/panel.ts']) {
      expect(whole, m).toContain(`"${m}"`);
      expect(score, m).not.toContain(`"${m}"`);
    }
    expect(statSync(join(ROOT, 'dist', 'score.cjs')).size).toBeLessThan(0.75 * statSync(join(ROOT, 'dist', 'cli.cjs')).size);
  });
});
