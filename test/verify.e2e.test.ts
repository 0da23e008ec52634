/** `evaluate verify`: a sealed report reproduced from its inputs, or exactly what differs. */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, FIX, run, tempDir } from './helpers.js';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A working folder with the fixtures copied in (verify rereads paths relative to it). */
function work(): string {
  const dir = tempDir();
  dirs.push(dir);
  for (const f of ['2026-H1.csv', '2026-H2.csv', 'roster.csv', 'policy.json']) copyFileSync(join(FIX, f), join(dir, f));
  return dir;
}

function report(dir: string, args: string[], out = 'report.json'): string {
  const r = run([...args, '--format', 'json', '--out', out], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return out;
}

const SCORE = ['score', '2026-H1.csv', '--policy', 'policy.json'];

describe('evaluate verify', () => {
  it('an untouched report: reproduced, exit 0', () => {
    const dir = work();
    report(dir, SCORE);
    const r = run(['verify', 'report.json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'reproduced\n  1 input file, the policy (policy.json) and every result are as sealed by evaluate 0.1.0: the report comes from these files\n',
    );
  });

  it('with standard output a pipe or a file, as scripts have it (the sealed command ran in a thread wrote its report past verify)', () => {
    const dir = work();
    report(dir, SCORE, 'r.json');
    const want = 'reproduced\n  1 input file, the policy (policy.json) and every result are as sealed by evaluate 0.1.0: the report comes from these files\n';
    for (const to of ['| cat; exit ${PIPESTATUS[0]}', '> verified.txt; s=$?; cat verified.txt; exit $s']) {
      const r = spawnSync('bash', ['--norc', '-c', `"${process.execPath}" "${BIN}" verify r.json ${to}`], {
        stdio: ['ignore', 'pipe', 'pipe'],
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8' },
        encoding: 'utf8',
      });
      expect([r.status, r.stdout, r.stderr]).toEqual([0, want, '']);
    }
  });

  it('one changed byte in one input: exit 1, names the file and whose results differ', () => {
    const dir = work();
    report(dir, SCORE);
    const sheet = join(dir, '2026-H1.csv');
    const text = readFileSync(sheet, 'utf8');
    const line = 'S012,胡军,2号楼,2026-H1,王主任,leader,15.5,';
    expect(text).toContain(line);
    // 15.5 -> 19.5 in one cell: one byte.
    writeFileSync(sheet, text.replace(line, 'S012,胡军,2号楼,2026-H1,王主任,leader,19.5,'));
    const r = run(['verify', 'report.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      'changed: 2026-H1.csv',
      '  its contents are not the sealed ones (the SHA-256 differs; 8353 bytes sealed, 8353 now)',
      'results that differ from the report (1 entry):',
      '  2026-H1 S012 胡军: methods.listen 15.67 → 15.83; total 76.5 → 76.7',
      'not reproduced: 1 input changed, 1 result differs',
      '',
    ]);
  });

  it('a total that becomes whole is shown with the policy\'s decimals (77.0, not 77)', () => {
    const dir = work();
    report(dir, SCORE);
    const sheet = join(dir, '2026-H1.csv');
    const line = 'S012,胡军,2号楼,2026-H1,王主任,leader,15.5,16.5,14.5,13,';
    writeFileSync(sheet, readFileSync(sheet, 'utf8').replace(line, 'S012,胡军,2号楼,2026-H1,王主任,leader,15.5,16.5,14.5,17.5,'));
    const r = run(['verify', 'report.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('; total 76.5 → 77.0\n');
    expect(run(['verify', 'report.json', '--lang', 'zh'], { cwd: dir }).stdout).toMatch(/总分 76\.5 → 77\.0\n/);
  });

  it('a changed policy: exit 1, "policy changed" and the staff it moves', () => {
    const dir = work();
    report(dir, SCORE);
    const policy = JSON.parse(readFileSync(join(dir, 'policy.json'), 'utf8')) as { amounts: { penalty: number } };
    policy.amounts.penalty = 250;
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
    const r = run(['verify', 'report.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('policy changed\n  policy.json now gives another effective policy than the one sealed\n');
    expect(r.stdout).toContain('  2026-H1 S007 吴强: penalty ¥200 → ¥250\n');
    expect(r.stdout.match(/penalty ¥200 → ¥250/g)).toHaveLength(3);
    expect(r.stdout).not.toContain('changed: ');
    expect(r.stdout).toMatch(/not reproduced: the policy changed, 3 results differ\n$/);
  });

  it('a policy file rewritten in another layout with the same rules is the same policy', () => {
    const dir = work();
    report(dir, SCORE);
    const policy = JSON.parse(readFileSync(join(dir, 'policy.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({ ...policy, bands: { qualified: 60, excellent: 90 } }));
    expect(run(['verify', 'report.json'], { cwd: dir }).code).toBe(0);
  });

  it('a missing input: exit 1, names it', () => {
    const dir = work();
    report(dir, ['year', '2026-H1.csv', '2026-H2.csv', '--year', '2026', '--roster', 'roster.csv', '--policy', 'policy.json']);
    unlinkSync(join(dir, 'roster.csv'));
    const r = run(['verify', 'report.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('missing: roster.csv\n  cannot be read (there is no such file or folder); nothing can be recomputed without it\nnot reproduced: 1 input missing\n');
  });

  it('in Chinese: the markers stay English, the explanations are Chinese', () => {
    const dir = work();
    report(dir, SCORE);
    unlinkSync(join(dir, '2026-H1.csv'));
    const r = run(['verify', 'report.json', '--lang', 'zh'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('missing: 2026-H1.csv\n  无法读取（没有这个文件或文件夹），缺少它无法重新计算\n未能复现：1 个输入文件缺失\n');
    report(dir, ['score', '2026-H2.csv'], 'h2.json');
    const ok = run(['verify', 'h2.json'], { cwd: dir, env: { LANG: 'zh_CN.UTF-8' } });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^reproduced\n {2}1 个输入文件、考评办法（内置规则）和全部结果均与 evaluate \S+ 封存时一致/);
  });

  it('a report edited after sealing: "changed:" names the report and what was edited', () => {
    const dir = work();
    report(dir, SCORE);
    const doc = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { semesters: { staff: { staffId: string; grade: string }[] }[] };
    doc.semesters[0]!.staff.find((s) => s.staffId === 'S012')!.grade = 'good';
    writeFileSync(join(dir, 'report.json'), JSON.stringify(doc, null, 2));
    const r = run(['verify', 'report.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('changed: report.json\n  the report itself was edited after it was sealed');
    expect(r.stdout).toContain('  2026-H1 S012 胡军: grade good → qualified\n');
    expect(r.stdout).toMatch(/not reproduced: the report was edited, 1 result differs\n$/);
  });

  it('an input that no longer reads: the errors of the sealed command are shown', () => {
    const dir = work();
    report(dir, SCORE);
    writeFileSync(join(dir, '2026-H1.csv'), `${readFileSync(join(dir, '2026-H1.csv'), 'utf8')}S099,新人,1号楼,2026-H1,王主任,leader,x,1,1,1,1\n`);
    const r = run(['verify', 'report.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('the sealed command fails on the inputs as they are now:\n  2026-H1.csv:122:7: error: score "x" for listen is not a number');
  });

  it('year, rewards (zh, --only) and panel reproduce; the built-in policy is used even when evaluate.config.json appears later', () => {
    const dir = work();
    report(dir, ['year', '2026-H1.csv', '2026-H2.csv', '--year', '2026', '--roster', 'roster.csv'], 'year.json');
    report(dir, ['rewards', '2026-H1.csv', '2026-H2.csv', '--year', '2026', '--only', 'penalties', '--lang', 'zh', '--policy', 'policy.json'], 'rewards.json');
    report(dir, ['panel', '2026-H1.csv'], 'panel.json');
    copyFileSync(join(dir, 'policy.json'), join(dir, 'evaluate.config.json'));
    for (const f of ['year.json', 'rewards.json', 'panel.json']) {
      const r = run(['verify', f], { cwd: dir });
      expect(r.stdout.split('\n')[0], `${f}: ${r.stdout}`).toBe('reproduced');
      expect(r.code).toBe(0);
    }
  });

  it('a seal edited to run something else is not rerun: exit 2, nothing written', () => {
    const dir = work();
    report(dir, SCORE);
    const doc = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { seal: { command: string[] } };
    doc.seal.command = ['score', '--out', 'planted.json', '--lang', 'en'];
    writeFileSync(join(dir, 'report.json'), JSON.stringify(doc));
    const r = run(['verify', 'report.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('report.json is not a sealed report: its seal has no valid "command"');
    expect(existsSync(join(dir, 'planted.json'))).toBe(false);
  });

  it('a seal edited to name a device or a pipe as an input or the policy: missing, at once (it read /dev/zero forever, and waited on a FIFO)', () => {
    const dir = work();
    report(dir, SCORE);
    expect(spawnSync('mkfifo', [join(dir, 'fifo')]).status).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { seal: { inputs: { file: string }[]; policy: { source: string } } };
    doc.seal.inputs[0]!.file = '/dev/zero';
    doc.seal.policy.source = 'fifo';
    writeFileSync(join(dir, 'report.json'), JSON.stringify(doc));
    const r = spawnSync(process.execPath, [BIN, 'verify', 'report.json'], { cwd: dir, encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8' } });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('missing: /dev/zero\n  cannot be read (it is a device or a pipe, not a file); nothing can be recomputed without it\n');
    expect(r.stdout).toContain('missing: fifo\n');
    const zh = spawnSync(process.execPath, [BIN, 'verify', 'report.json', '--lang', 'zh'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    expect(zh.stdout).toContain('这是设备或管道，不是文件');
  });

  it('not a sealed report: exit 2', () => {
    const dir = work();
    writeFileSync(join(dir, 'plain.json'), JSON.stringify({ year: 2026, staff: [] }));
    for (const [file, why] of [
      ['2026-H1.csv', 'it is not JSON'],
      ['plain.json', 'it has no "seal"'],
      ['nothing.json', 'it cannot be read (there is no such file or folder)'],
    ]) {
      const r = run(['verify', file!], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`evaluate: error: ${file} is not a sealed report: ${why}`);
    }
  });
});

describe('a sheet given on standard input', () => {
  it('is sealed with the SHA-256 of its bytes (not of nothing), by score and panel alike', () => {
    const text = readFileSync(join(FIX, '2026-H1.csv'));
    const want = createHash('sha256').update(text).digest('hex');
    for (const command of ['score', 'panel']) {
      const r = run([command, '-', '--format', 'json'], { input: text });
      expect(r.code).toBe(0);
      const inputs = (JSON.parse(r.stdout) as { seal: { inputs: { file: string; sha256: string; bytes: number }[] } }).seal.inputs;
      expect(inputs).toEqual([expect.objectContaining({ file: '<stdin>', sha256: want, bytes: text.length })]);
    }
  });
});
