/**
 * The policy file attacked: huge files, endless devices, pipes nobody writes to, 10 MB keys,
 * numbers JSON cannot hold, absurd scales and keys written twice. Each is a usage error (exit 2)
 * that names the key and quotes at most 60 characters of what was written, in a second or two.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validatePolicy } from '../src/core/policy.js';
import { UsageError } from '../src/errors.js';
import { loadPolicy } from '../src/io/policy-file.js';
import { BIN, FIX, run, tempDir } from './helpers.js';

const BAD = join(FIX, 'bad');
const dirs: string[] = [];
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The usage error loadPolicy throws for this text, as the user reads it. */
function refusal(text: string | Buffer, lang: 'en' | 'zh' = 'en'): string {
  const d = dir();
  writeFileSync(join(d, 'p.json'), text);
  try {
    loadPolicy(join(d, 'p.json'), { lang });
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message.replaceAll(`${d}/`, '');
  }
  throw new Error('the policy was accepted');
}

/** What a message quotes between the first pair of double quotes. */
function quoted(message: string): string {
  return /"([^"]*)"/.exec(message)?.[1] ?? '';
}

describe('policy files that are too big or never end', () => {
  it('a policy file over 1 MB is refused without being read whole', () => {
    const d = dir();
    const p = join(d, 'big.json');
    writeFileSync(p, `{ "precision": 1, "${'x'.repeat(2 * 1024 * 1024)}": 1 }`);
    const started = Date.now();
    const r = run(['score', join(FIX, '2026-H1.csv'), '--policy', p]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`evaluate: error: the policy "${p}" is over 1 MB (2.0 MB): a policy is a few lines of JSON; is it the right file?\n`);
  });

  it('a 10 MB unknown key: refused at once, and no message echoes it', () => {
    const d = dir();
    const p = join(d, 'key.json');
    writeFileSync(p, `{ "${'k'.repeat(10 * 1024 * 1024)}": 1 }`);
    const started = Date.now();
    const r = run(['check', join(FIX, '2026-H1.csv'), '--policy', p]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeLessThan(300);
  });

  it.each([['/dev/zero'], ['/dev/urandom']])('%s as --policy stops at the size cap within two seconds', (device) => {
    const started = Date.now();
    const r = spawnSync(process.execPath, [BIN, 'score', join(FIX, '2026-H1.csv'), '--policy', device], { encoding: 'utf8', timeout: 10_000 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`evaluate: error: the policy "${device}" is over 1 MB: a policy is a few lines of JSON; is it the right file?\n`);
  });

  it('a FIFO nobody writes to does not hang', () => {
    const d = dir();
    const fifo = join(d, 'policy.json');
    const made = spawnSync('mkfifo', [fifo]);
    expect(made.status).toBe(0);
    const started = Date.now();
    const r = spawnSync(process.execPath, [BIN, 'score', join(FIX, '2026-H1.csv'), '--policy', fifo], { encoding: 'utf8', timeout: 10_000 });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`evaluate: error: the policy "${fifo}" is empty: a policy is a JSON object ({ ... })\n`);
  });

  it('a policy given through a pipe (process substitution) is read', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" score "${join(FIX, '2026-H1.csv')}" --format json --policy <(cat "${join(FIX, 'policy.json')}")`], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).semesters[0].staff[0].reward).toBe(800);
  });

  it('a folder as --policy, and a policy that is not there: the reason in words, no error code', () => {
    expect(refusalOf(FIX)).toBe(`evaluate: error: cannot read the policy "${FIX}": it is a folder, not a file\n`);
    expect(refusalOf('no-such.json')).toBe('evaluate: error: cannot read the policy "no-such.json": there is no such file or folder\n');
    expect(refusalOf('no-such.json', 'zh')).toBe('evaluate: error: 无法读取考评办法文件 "no-such.json"：没有这个文件或文件夹\n');
  });
});

function refusalOf(policy: string, lang = 'en'): string {
  const r = run(['score', join(FIX, '2026-H1.csv'), '--policy', policy, '--lang', lang]);
  expect(r.code).toBe(2);
  expect(r.stderr).not.toMatch(/\bE[A-Z]{3,}\b/);
  return r.stderr;
}

describe('what a bad policy key or value is quoted as', () => {
  it('a long unknown key is quoted clipped, at most 60 characters', () => {
    const key = `lisen${'x'.repeat(5000)}`;
    const message = refusal(`{ "${key}": 1 }`);
    expect(quoted(message).length).toBeLessThanOrEqual(60 + ' (5005 characters)'.length);
    expect(message).toContain('(5005 characters)');
    expect(message.length).toBeLessThan(400);
  });

  it('in Chinese, the length of a clipped key is said in Chinese', () => {
    const message = refusal(`{ "lisen${'x'.repeat(5000)}": 1 }`, 'zh');
    expect(message).toContain('（共 5005 个字符）');
    expect(message).not.toContain('characters');
    expect(message.includes('\u0001') || message.includes('\u0002')).toBe(false);
  });

  it('a long bad value is quoted clipped', () => {
    const message = refusal(`{ "aggregation": "${'m'.repeat(100_000)}" }`);
    expect(message.length).toBeLessThan(300);
    expect(message).toContain('(100000 characters)');
  });

  it('a control character in a key is shown escaped, not sent to the terminal', () => {
    const message = refusal('{ "\\u001b[2Jprecision": 1 }');
    expect(message).not.toContain('\u001b');
    expect(message).toContain('\\u001b[2Jprecision');
  });

  it('validatePolicy clips by itself', () => {
    const { errors } = validatePolicy({ methods: { ask: { roles: ['r'.repeat(1000)] } }, roleWeights: { ['w'.repeat(1000)]: 1 } });
    for (const e of errors) expect(e.length).toBeLessThan(200);
  });

  it('a key nested as deep as JSON allows is an error, not a crash', () => {
    const deep = `{ "precision": ${'['.repeat(100_000)}${']'.repeat(100_000)} }`;
    expect(refusal(deep)).toMatch(/^p\.json: error: "precision" must be a whole number from 0 to 6, not \[\[\[/);
  });
});

describe('numbers and scales', () => {
  it('1e400 is said as written, not as null', () => {
    expect(refusal('{ "amounts": { "excellent": 1e400 } }')).toBe(
      'p.json: error: "amounts.excellent" must be a whole number from 0 to 1000000000, not 1e400',
    );
    expect(refusal('{ "bands": { "excellent": -1E999 } }')).toContain('"bands.excellent" must be a number from 0 to 100, not -1E999');
    // What was written, not what JavaScript makes of it.
    expect(refusal('{ "rectificationDays": 12345678901234567890 }')).toContain('not 12345678901234567890');
    expect(refusal('{ "precision": 1.50 }')).toContain('not 1.50');
    expect(refusal('{ "amounts": { "excellent": 1e400 } }', 'zh')).toBe('p.json: error: "amounts.excellent" 须为 0 到 1000000000 之间的整数，而不是 1e400');
  });

  it('an absurd scale is refused with a clear message, not blamed on every row', () => {
    expect(refusal('{ "methods": { "ask": { "max": 20, "scale": 1e-300 } } }')).toBe(
      'p.json: error: "methods.ask.scale" is the highest score raters write for ask: a number from 1 to 1000 with at most 6 decimals, not 1e-300',
    );
    expect(refusal('{ "methods": { "ask": { "max": 20, "scale": 0.5 } } }')).toContain('not 0.5');
    expect(refusal('{ "methods": { "ask": { "max": 20, "scale": 10.0000001 } } }')).toContain('not 10.0000001');
    // A sensible scale still works: raters write out of 10, the total counts it out of 20.
    const d = dir();
    writeFileSync(join(d, 'p.json'), '{ "methods": { "ask": { "max": 20, "scale": 10 } } }');
    expect(loadPolicy(join(d, 'p.json')).policy.methods.ask).toMatchObject({ max: 20, scale: 10 });
  });

  it('the tiny-scale fixture of the corpus: one usage error, no row blamed', () => {
    const r = run(['score', '2026-H1.csv', '--policy', 'bad/policy-tiny-scale.json'], { cwd: FIX });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'bad/policy-tiny-scale.json: error: "methods.ask.scale" is the highest score raters write for ask: a number from 1 to 1000 with at most 6 decimals, not 1e-300',
    ]);
  });
});

describe('keys written twice', () => {
  it('is a usage error naming the key and both lines', () => {
    expect(refusal('{\n  "precision": 1,\n  "amounts": { "excellent": 800,\n    "excellent": 900 }\n}\n')).toBe(
      'p.json:4:5: error: "amounts.excellent" is written twice (lines 3 and 4); JSON would keep only the last: delete one',
    );
    // Spelt differently, the same key for JSON.
    expect(refusal('{ "precision": 1, "\\u0070recision": 2 }')).toContain('"precision" is written twice');
    // The same name in two objects is no duplicate.
    const d = dir();
    writeFileSync(join(d, 'ok.json'), '{ "bands": { "excellent": 90 }, "amounts": { "excellent": 800 } }');
    expect(loadPolicy(join(d, 'ok.json')).policy.amounts.excellent).toBe(800);
  });

  it('every duplicate in one run, in Chinese too', () => {
    const text = '{ "precision": 1, "precision": 2, "panel": { "spread": 1, "spread": 2 } }';
    expect(refusal(text).split('\n')).toEqual([
      'p.json:1:19: error: "precision" is written twice (both on line 1); JSON would keep only the last: delete one',
      'p.json:1:59: error: "panel.spread" is written twice (both on line 1); JSON would keep only the last: delete one',
    ]);
    expect(refusal(text, 'zh').split('\n')[0]).toBe('p.json:1:19: error: "precision" 写了两次（都在第 1 行）；JSON 只会保留后一个：请删去一个');
  });

  it('the corpus file: exit 2 from the binary', () => {
    const r = run(['score', '2026-H1.csv', '--policy', 'bad/policy-duplicate-key.json'], { cwd: FIX });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'bad/policy-duplicate-key.json:5:5: error: "amounts.excellent" is written twice (lines 3 and 5); JSON would keep only the last: delete one\n',
    );
  });
});

describe('not JSON at all', () => {
  it('says where and what, in words, escaped', () => {
    expect(refusal('{ "precision": 1\n  "aggregation": "mean" }')).toBe('p.json:2:3: error: the policy is not valid JSON: a comma or } is missing before this');
    expect(refusal('\u001b[31m')).toBe('p.json:1:1: error: the policy is not valid JSON: unexpected character "\\u001b"');
    expect(refusal('{ "precision": 1, }')).toBe('p.json:1:19: error: the policy is not valid JSON: there is a comma before the }: delete it');
    expect(refusal('{ "precision": 1')).toBe('p.json:1:17: error: the policy is not valid JSON: it ends before the } that closes it');
    expect(refusal('')).toBe('the policy "p.json" is empty: a policy is a JSON object ({ ... })');
    expect(refusal('{ "precision": 1\n  "aggregation": "mean" }', 'zh')).toBe('p.json:2:3: error: 考评办法文件不是有效的 JSON：此处之前缺少逗号或 }');
  });

  it('a binary file is not JSON, said in one short line', () => {
    const message = refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    expect(message.split('\n')).toHaveLength(1);
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('the corpus has every policy file', () => {
  it('fixtures/bad holds the new policy cases', () => {
    for (const f of ['policy-duplicate-key.json', 'policy-infinite-amount.json', 'policy-tiny-scale.json', 'policy-long-key.json']) {
      expect(existsSync(join(BAD, f)), f).toBe(true);
    }
    const r = run(['check', '2026-H1.csv', '--policy', 'bad/policy-infinite-amount.json'], { cwd: FIX });
    expect([r.code, r.stderr]).toEqual([2, 'bad/policy-infinite-amount.json: error: "amounts.excellent" must be a whole number from 0 to 1000000000, not 1e400\n']);
    const long = run(['check', '2026-H1.csv', '--policy', 'bad/policy-long-key.json'], { cwd: FIX });
    expect(long.code).toBe(2);
    expect(long.stderr.length).toBeLessThan(400);
  });

  it('a policy in a folder that is not there is refused, not created', () => {
    const d = dir();
    mkdirSync(join(d, 'x'));
    expect(run(['score', join(FIX, '2026-H1.csv'), '--policy', join(d, 'x', 'nope', 'p.json')]).code).toBe(2);
  });
});
