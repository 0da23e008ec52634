/**
 * The lines `evaluate init` shows before writing the policy: in a terminal of 80 columns no line
 * wraps (the panel's thresholds and a weighted aggregation's weights were 84 columns in Chinese),
 * and nothing is lost: the value broken between its parts, under the values' column.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Policy } from '../src/core/policy.js';
import { policySummary } from '../src/render/policy.js';
import { displayWidth } from '../src/render/width.js';

const weighted = { ...DEFAULT_POLICY, aggregation: 'weighted' as const };

describe('the policy summary of evaluate init', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`(${lang}) fits 80 columns, each value whole once its lines are joined`, () => {
      const whole = policySummary(weighted, lang).trimEnd().split('\n');
      const fitted = policySummary(weighted, lang, 80).trimEnd().split('\n');
      expect(Math.max(...whole.map(displayWidth))).toBeGreaterThan(79);
      expect(fitted.every((l) => displayWidth(l) < 80)).toBe(true);
      // The continuation lines start under the values' column, and joined again they are the whole value.
      const indent = whole[0]!.length - whole[0]!.trimStart().length;
      const joined: string[] = [];
      for (const l of fitted) {
        if (l.startsWith(' '.repeat(indent + 3))) joined[joined.length - 1] += (lang === 'en' ? ' ' : '') + l.trimStart();
        else joined.push(l);
      }
      expect(joined).toEqual(whole);
    });
  }

  it('a file or a pipe (no width) gets each value on one line', () => {
    expect(policySummary(weighted, 'zh').trimEnd().split('\n')).toHaveLength(6);
  });

  it('breaks a method limited to some roles between methods, never inside its list of roles', () => {
    const limited: Policy = { ...DEFAULT_POLICY, methods: { ...DEFAULT_POLICY.methods, ask: { ...DEFAULT_POLICY.methods.ask, roles: ['head-office', 'center-office', 'student'] } } };
    for (const lang of ['en', 'zh'] as const) {
      const roles = lang === 'en' ? '(head office, center office, student)' : '（总公司办公室，中心办公室，学生代表）';
      for (const width of [72, 80, 90]) {
        const lines = policySummary(limited, lang, width).split('\n');
        expect(lines.every((l) => displayWidth(l) < width), `${lang} ${width}`).toBe(true);
        expect(lines.some((l) => l.includes(roles)), `${lang} ${width}: ${lines.join('\n')}`).toBe(true);
      }
    }
  });
});
