/** One fuzz case through the real `evaluate score` process (bin/evaluate.cjs, built). */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mutate, reference, validCase, writeFiles } from './fuzz-sheets.js';

// From the project folder (npm and vitest run there): this file may run bundled elsewhere.
const BIN = join(process.cwd(), 'bin', 'evaluate.cjs');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8' }, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A valid case (spoilt when `spoil` is a seed): exit 0 with the reference's totals, or exit 1 with problems only. */
export function binaryCase(seed: number, spoil: number | null): 'ok' | 'problems' {
  const c = validCase(seed);
  const m = spoil === null ? null : mutate(c, spoil);
  const { dir, paths } = writeFiles(m ? m.files : c.files);
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(c.policy.json));
  const args = ['score', ...paths, '--format', 'json', '--policy', join(dir, 'policy.json'), '--delimiter', c.delimiter];
  if (c.semesterOption) args.push('--semester', c.semesterOption);
  const r = run(args);
  const fail = (what: string) => {
    throw new Error(`${what}\nevaluate ${args.join(' ')}\nexit ${r.code}\nstderr: ${r.stderr.slice(0, 2000)}\nspoilt by ${m?.steps.join('; ') ?? 'nothing'}`);
  };
  if (/internal error|^\s+at |Error:/m.test(r.stderr)) fail('a crash');
  if (r.code === 1) {
    if (r.stdout !== '') fail('a report despite problems');
    if (!/^\d+ errors?(, \d+ warnings?)?; nothing was written$/m.test(r.stderr)) fail('problems without the summary line');
    if (!r.stderr.split('\n').slice(0, -2).every((l) => /^.+:\d+(:\d+)?: (error|warning): ./.test(l))) fail('a problem line without its place');
    if (!m) fail('problems in a valid case');
    return 'problems';
  }
  if (r.code !== 0) fail(`exit ${r.code}`);
  const doc = JSON.parse(r.stdout) as { semesters: { semester: string; staff: { staffId: string; total: number; grade: string; rank: number }[] }[] };
  if (!m) {
    const ref = reference(c);
    const want = JSON.stringify([...ref].map(([s, staff]) => [s, staff.map((x) => [x.staffId, Number(x.total), x.grade, x.rank])]));
    const got = JSON.stringify(doc.semesters.map((s) => [s.semester, s.staff.map((x) => [x.staffId, x.total, x.grade, x.rank])]));
    if (want !== got) fail(`the report disagrees with the reference:\n${want}\n${got}`);
  }
  return 'ok';
}
