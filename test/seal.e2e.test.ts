/** Every JSON report carries its seal: what produced it, and the hash of the report itself. */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/core/canonical.js';
import { DEFAULT_POLICY, validatePolicy } from '../src/core/policy.js';
import { policyHash } from '../src/commands/seal.js';
import { VERSION } from '../src/version.js';
import { FIX, run, tempDir } from './helpers.js';

const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

interface Sealed {
  seal: {
    tool: string;
    command: string[];
    policy: { source: string; sha256: string };
    inputs: { file: string; kind: string; sha256: string; bytes: number; rows: number }[];
    result: string;
  };
  [key: string]: unknown;
}

function sealed(args: string[], cwd: string): Sealed {
  const r = run([...args, '--format', 'json'], { cwd });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Sealed;
}

/** The report's own hash, as the SPEC defines it: SHA-256 of the report without `seal`, as RFC 8785 JSON. */
function bodyHash(doc: Sealed): string {
  const { seal: _seal, ...body } = doc;
  return `sha256:${sha(canonicalJson(body))}`;
}

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A working folder with the fixtures copied in, so that paths are relative as a user types them. */
function work(): string {
  const dir = tempDir();
  dirs.push(dir);
  for (const f of ['2026-H1.csv', '2026-H2.csv', 'roster.csv', 'policy.json']) copyFileSync(join(FIX, f), join(dir, f));
  return dir;
}

describe('the seal of each JSON report', () => {
  it('score: the command, the policy as given, each input with its hash, bytes and rows, the result hash', () => {
    const dir = work();
    const doc = sealed(['score', '2026-H1.csv', '--policy', 'policy.json', '--roster', 'roster.csv', '--semester', '2026上半年', '--lang', 'zh'], dir);
    expect(Object.keys(doc)).toEqual(['semesters', 'warnings', 'seal']);
    expect(doc.seal.tool).toBe(`evaluate ${VERSION}`);
    expect(doc.seal.command).toEqual(['score', '--semester', '2026-H1', '--roster', 'roster.csv', '--lang', 'zh']);
    const policy = validatePolicy(JSON.parse(readFileSync(join(dir, 'policy.json'), 'utf8'))).policy;
    expect(doc.seal.policy).toEqual({ source: 'policy.json', sha256: policyHash(policy) });
    const h1 = readFileSync(join(dir, '2026-H1.csv'));
    const roster = readFileSync(join(dir, 'roster.csv'));
    expect(doc.seal.inputs).toEqual([
      { file: '2026-H1.csv', kind: 'sheet', sha256: sha(h1), bytes: h1.length, rows: 120 },
      { file: 'roster.csv', kind: 'roster', sha256: sha(roster), bytes: roster.length, rows: 24 },
    ]);
    expect(doc.seal.result).toBe(bodyHash(doc));
  });

  it('--lang from LANG is written into the command, so that a rerun does not depend on the environment', () => {
    const dir = work();
    const doc = JSON.parse(run(['score', '2026-H1.csv', '--format', 'json'], { cwd: dir, env: { LANG: 'zh_CN.UTF-8' } }).stdout) as Sealed;
    expect(doc.seal.command).toEqual(['score', '--lang', 'zh']);
    expect(doc.seal.policy).toEqual({ source: 'built-in', sha256: policyHash(DEFAULT_POLICY) });
  });

  it('year, rewards and panel are sealed too; evaluate.config.json is named as the source when it applies', () => {
    const dir = work();
    copyFileSync(join(dir, 'policy.json'), join(dir, 'evaluate.config.json'));
    const year = sealed(['year', '2026-H1.csv', '2026-H2.csv', '--year', '2026', '--roster', 'roster.csv'], dir);
    expect(year.seal.command).toEqual(['year', '--year', '2026', '--roster', 'roster.csv', '--lang', 'en']);
    expect(year.seal.policy.source).toBe('evaluate.config.json');
    expect(year.seal.inputs.map((i) => [i.file, i.kind, i.rows])).toEqual([
      ['2026-H1.csv', 'sheet', 120],
      ['2026-H2.csv', 'sheet', 120],
      ['roster.csv', 'roster', 24],
    ]);
    expect(year.seal.result).toBe(bodyHash(year));
    const rewards = sealed(['rewards', '2026-H1.csv', '2026-H2.csv', '--year', '2026', '--only', 'penalties', '--lang', 'zh'], dir);
    expect(rewards.seal.command).toEqual(['rewards', '--year', '2026', '--only', 'penalties', '--lang', 'zh']);
    expect(rewards.seal.result).toBe(bodyHash(rewards));
    const panel = sealed(['panel', '2026-H1.csv', '2026-H2.csv', '--semester', '2026-H2'], dir);
    expect(panel.seal.command).toEqual(['panel', '--semester', '2026-H2', '--lang', 'en']);
    expect(panel.seal.inputs.map((i) => i.file)).toEqual(['2026-H1.csv', '2026-H2.csv']);
    expect(panel.seal.result).toBe(bodyHash(panel));
  });

  it('a folder is listed file by file; the same scores in another shape give the same result hash', () => {
    const dir = work();
    mkdirSync(join(dir, 'forms'));
    for (const m of ['listen', 'see', 'check', 'test', 'ask']) copyFileSync(join(FIX, 'forms', `${m}.csv`), join(dir, 'forms', `${m}.csv`));
    const split = sealed(['score', 'forms'], dir);
    expect(split.seal.inputs.map((i) => i.file)).toEqual(['ask', 'check', 'listen', 'see', 'test'].map((m) => join('forms', `${m}.csv`)));
    expect(split.seal.result).toBe(sealed(['score', '2026-H1.csv'], dir).seal.result);
  });

  it('the other formats are as they were: no seal in table, csv or md', () => {
    const dir = work();
    for (const format of ['table', 'csv', 'md']) {
      const r = run(['score', '2026-H1.csv', '--format', format], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(/seal|sha256/);
    }
  });

  it('an input changed after sealing is seen in its hash', () => {
    const dir = work();
    const before = sealed(['score', '2026-H1.csv'], dir);
    writeFileSync(join(dir, '2026-H1.csv'), `${readFileSync(join(dir, '2026-H1.csv'), 'utf8')}\n`);
    const after = sealed(['score', '2026-H1.csv'], dir);
    expect(after.seal.inputs[0]!.sha256).not.toBe(before.seal.inputs[0]!.sha256);
    expect(after.seal.result).toBe(before.seal.result);
  });
});
