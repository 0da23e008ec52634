/**
 * Nothing is ever lost: inputs are never written, --out never replaces an input (however it is
 * spelt), a reader that stops early is no error, a failed write leaves no partial file, rows are
 * accounted for; and nothing read is ever run: policy files are data, cells are not paths, CSV
 * cells do not start formulas.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePolicy } from '../src/core/policy.js';
import { BIN, FIX, ROOT, run, tempDir } from './helpers.js';

const H = 'staff_id,name,post,semester,rater,role,listen,see,check,test,ask';

/** The fixtures copied into a fresh folder, with a bad sheet and a policy beside them. */
function workspace(): string {
  const dir = tempDir();
  for (const f of ['2026-H1.csv', '2026-H2.csv', 'roster.csv', 'policy.json']) copyFileSync(join(FIX, f), join(dir, f));
  writeFileSync(join(dir, 'bad.csv'), `${H}\nS001,张伟,1号楼,2026-H1,王主任,leader,19,20,18,17.5,abc\n`);
  return dir;
}

/** Every file under dir with its bytes and modification time. */
function snapshot(dir: string): Map<string, { bytes: Buffer; mtime: number }> {
  const out = new Map<string, { bytes: Buffer; mtime: number }>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), { bytes: readFileSync(p), mtime: statSync(p).mtimeMs });
    }
  };
  walk(dir);
  return out;
}

describe('inputs are never written', () => {
  const P = ['--policy', 'policy.json'];
  const COMMANDS: [string, string[], number][] = [
    ['score', ['score', '2026-H1.csv', '--roster', 'roster.csv', ...P, '--format', 'csv', '--out', 'out/score.csv'], 0],
    ['score (problems)', ['score', 'bad.csv', '2026-H1.csv', '--out', 'out/score-bad.csv'], 1],
    ['score from standard input', ['score', '-', '--format', 'json', '--out', 'out/stdin.json'], 0],
    ['check', ['check', '2026-H1.csv', '2026-H2.csv', '--roster', 'roster.csv', ...P, '--out', 'out/check.txt'], 0],
    ['check (problems)', ['check', 'bad.csv', '--format', 'json'], 1],
    ['year', ['year', '2026-H1.csv', '2026-H2.csv', '--year', '2026', '--roster', 'roster.csv', ...P, '--format', 'json', '--out', 'out/year.json'], 0],
    ['rewards', ['rewards', '2026-H1.csv', '2026-H2.csv', '--year', '2026', ...P, '--bom', '--out', 'out/rewards.csv'], 0],
    ['explain', ['explain', 'S001', '2026-H1.csv', '--roster', 'roster.csv', ...P, '--out', 'out/explain.txt'], 0],
    ['panel', ['panel', '2026-H1.csv', ...P, '--format', 'json', '--out', 'out/panel.json'], 0],
    ['template --roster', ['template', '--roster', 'roster.csv', '--semester', '2026-H1', ...P, '--out', 'out/sheets'], 0],
  ];

  it.each(COMMANDS)('%s', (_, args, code) => {
    const dir = workspace();
    mkdirSync(join(dir, 'out'));
    const before = snapshot(dir);
    const r = run(args, { cwd: dir, input: args.includes('-') ? readFileSync(join(dir, '2026-H1.csv')) : '' });
    expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
    expect(r.code).toBe(code);
    const after = snapshot(dir);
    for (const [name, was] of before) {
      expect(after.get(name)?.bytes.equals(was.bytes), `${name} changed`).toBe(true);
      expect(after.get(name)?.mtime, `${name} was rewritten`).toBe(was.mtime);
    }
    // Only the output appeared (and only on success): no temporary file is left behind.
    const added = [...after.keys()].filter((k) => !before.has(k));
    const outIndex = args.indexOf('--out');
    const out = outIndex >= 0 ? args[outIndex + 1]! : null;
    if (code !== 0 || out === null) expect(added).toEqual([]);
    else expect(added.every((a) => a === out || a.startsWith(`${out}/`)) && added.length > 0).toBe(true);
  });
});

describe('--out never replaces an input', () => {
  const refused = (out: string) => `evaluate: error: refusing to write --out ${out}: it is one of the input files\n`;

  function inputsDir(): string {
    const parent = tempDir();
    const dir = join(parent, 'ws');
    mkdirSync(dir);
    for (const f of ['2026-H1.csv', 'roster.csv', 'policy.json']) copyFileSync(join(FIX, f), join(dir, f));
    symlinkSync(join(dir, '2026-H1.csv'), join(dir, 'link.csv'));
    symlinkSync(dir, join(dir, 'linked-dir'));
    return dir;
  }

  it.each([
    ['the same path', '2026-H1.csv'],
    ['a ./ spelling', './2026-H1.csv'],
    ['a ../ spelling', '../ws/2026-H1.csv'],
    ['an absolute path', 'ABS/2026-H1.csv'],
    ['a symlink to the input', 'link.csv'],
    ['a symlinked folder', 'linked-dir/2026-H1.csv'],
  ])('score refuses %s, even with --force', (_, spelling) => {
    const dir = inputsDir();
    const out = spelling.replace('ABS', dir);
    const r = run(['score', '2026-H1.csv', '--format', 'csv', '--out', out, '--force'], { cwd: dir });
    expect([r.code, r.stderr, r.stdout]).toEqual([2, refused(out), '']);
    expect(readFileSync(join(dir, '2026-H1.csv')).equals(readFileSync(join(FIX, '2026-H1.csv')))).toBe(true);
  });

  it('every command with --out refuses an input through a symlink and a ./ spelling', () => {
    const dir = inputsDir();
    for (const cmd of [
      ['check', '2026-H1.csv'],
      ['year', '2026-H1.csv', '--year', '2026'],
      ['rewards', '2026-H1.csv', '--year', '2026'],
      ['explain', 'S001', '2026-H1.csv'],
      ['panel', '2026-H1.csv'],
    ]) {
      for (const out of ['link.csv', './2026-H1.csv']) {
        const r = run([...cmd, '--out', out, '--force'], { cwd: dir });
        expect([cmd[0], r.code, r.stderr, r.stdout]).toEqual([cmd[0], 2, refused(out), '']);
      }
    }
    expect(readFileSync(join(dir, '2026-H1.csv')).equals(readFileSync(join(FIX, '2026-H1.csv')))).toBe(true);
  });

  it('refuses the roster and the policy file as --out', () => {
    const dir = workspace();
    const r1 = run(['score', '2026-H1.csv', '--roster', 'roster.csv', '--out', './roster.csv', '--force'], { cwd: dir });
    expect([r1.code, r1.stderr]).toEqual([2, refused('./roster.csv')]);
    const r2 = run(['score', '2026-H1.csv', '--policy', 'policy.json', '--out', 'policy.json', '--force'], { cwd: dir });
    expect([r2.code, r2.stderr]).toEqual([2, refused('policy.json')]);
    expect(readFileSync(join(dir, 'policy.json')).equals(readFileSync(join(FIX, 'policy.json')))).toBe(true);
  });

  it('refuses the file standard input reads when a sheet is `-` (score - --out x.csv < x.csv), not a pipe', () => {
    const dir = workspace();
    const sheet = join(dir, '2026-H1.csv');
    for (const cmd of [['score', 'csv'], ['panel', 'json'], ['year', 'csv']]) {
      const r = spawnSync('sh', ['-c', `'${process.execPath}' '${BIN}' ${cmd[0]} - --format ${cmd[1]} --out 2026-H1.csv --force < 2026-H1.csv`], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8' } });
      expect([cmd[0], r.status, r.stderr]).toEqual([cmd[0], 2, refused('2026-H1.csv')]);
    }
    expect(readFileSync(sheet).equals(readFileSync(join(FIX, '2026-H1.csv')))).toBe(true);
    // Through a pipe, the same bytes are no file of the folder: written.
    const piped = spawnSync('sh', ['-c', `cat 2026-H1.csv | '${process.execPath}' '${BIN}' score - --format csv --out out.csv`], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8' } });
    expect([piped.status, piped.stderr]).toEqual([0, 'evaluate: wrote out.csv\n']);
  });

  it('keeps an existing file without --force', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'report.csv'), 'keep me\n');
    const r = run(['score', '2026-H1.csv', '--out', 'report.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evaluate: error: --out report.csv already exists; add --force to replace it\n');
    expect(readFileSync(join(dir, 'report.csv'), 'utf8')).toBe('keep me\n');
  });

  it('writes a device directly (renaming over /dev/null would replace it) and refuses a folder', () => {
    const dir = workspace();
    const dev = run(['score', '2026-H1.csv', '--out', '/dev/null', '--force'], { cwd: dir });
    expect([dev.code, dev.stdout, dev.stderr]).toEqual([0, '', '']);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const r = run(['score', '2026-H1.csv', '--out', '.', '--force'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evaluate: error: cannot write --out .: it is a folder; give a file name\n');
  });
});

/** A valid sheet of about 5 MB: 15,000 staff, 5 raters each. */
function bigSheet(dir: string): string {
  const raters = ['王主任,leader', '李科长,head-office', '赵老师,center-office', '学生甲,student', '学生乙,student'];
  const lines = [H];
  for (let s = 0; s < 15_000; s++) {
    for (let r = 0; r < 5; r++) lines.push(`S${String(s).padStart(6, '0')},张伟,${s % 40}号楼,2026-H1,${raters[r]},${10 + ((s * 7 + r) % 10)},${(s + r) % 21},18.5,17,19`);
  }
  const file = join(dir, 'big.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function bash(script: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8', EVALUATE: `${process.execPath} ${BIN}` } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a reader that stops early, and a disk that fails', () => {
  const dir = tempDir();
  const big = bigSheet(dir);

  it('the sheet is big enough to fill a pipe many times', () => {
    expect(statSync(big).size).toBeGreaterThan(5_000_000);
  });

  it.each([
    ['score', `score big.csv`],
    ['score --format json from standard input', `score - --format json < big.csv`],
  ])('evaluate %s | head -1: exit 0, nothing on standard error', (_, args) => {
    const r = bash(`set -o pipefail; $EVALUATE ${args} | head -1; echo "status \${PIPESTATUS[0]}" >&2`, dir);
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.stderr).toBe('status 0\n');
    expect(r.status).toBe(0);
  });

  it('a write that fails half way (file size limit, EFBIG): exit 2, no partial file, the old one kept', () => {
    const out = join(dir, 'report.csv');
    copyFileSync(join(FIX, '2026-H1.csv'), join(dir, 'h1.csv'));
    // 1 KB: the report of the 24 staff is about 3 KB.
    const r = bash(`ulimit -f 1; $EVALUATE score h1.csv --format csv --out report.csv`, dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('evaluate: error: cannot write --out report.csv: the file is too big for this disk; nothing was written\n');
    expect(existsSync(out)).toBe(false);
    writeFileSync(out, 'the old report\n');
    const again = bash(`ulimit -f 1; $EVALUATE score h1.csv --format csv --out report.csv --force`, dir);
    expect(again.status).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('the old report\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('batch, a center\'s file that cannot be written: the file named as it was to be (not the hidden folder it was written in), exit 2, no summary', () => {
    const r = bash(`ulimit -f 2; $EVALUATE batch ${join(FIX, 'centers')} --out-dir batch-full --no-reports`, dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^evaluate: error: cannot write batch-full\/公寓中心\/[^/]+\.csv: the file is too big for this disk; the batch stopped there, and summary\.csv is not written \(centers done before it are in --out-dir\)\n$/);
    expect(readdirSync(join(dir, 'batch-full')).filter((f) => f.startsWith('.') || f.startsWith('summary'))).toEqual([]);
  });

  const devFull = existsSync('/dev/full');
  if (!devFull) console.warn('skipped: "a full disk behind standard output": this machine has no /dev/full');
  it.skipIf(!devFull)('a full disk behind standard output (/dev/full): one line, exit 2', () => {
    const r = bash(`$EVALUATE score ${join(FIX, '2026-H1.csv')} --format csv > /dev/full`, dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('evaluate: error: cannot write the report to standard output: the disk is full\n');
  });

  it('a folder that cannot be written to, or a file in place of the folder: exit 2, nothing written', () => {
    const sub = join(dir, 'notadir');
    writeFileSync(sub, 'a file\n');
    const h1 = join(FIX, '2026-H1.csv');
    const r = run(['score', h1, '--out', join(sub, 'report.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`evaluate: error: cannot write --out ${join(sub, 'report.csv')}: a part of the path is a file, not a folder\n`);
    expect(readFileSync(sub, 'utf8')).toBe('a file\n');
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    // Root may write anyway: then the report is there, whole; otherwise nothing is.
    const r2 = run(['score', h1, '--format', 'csv', '--out', join(locked, 'report.csv')]);
    if (r2.code === 0) expect(readFileSync(join(locked, 'report.csv'), 'utf8').split('\r\n')).toHaveLength(26);
    else {
      expect(r2.stderr).toBe(`evaluate: error: cannot write --out ${join(locked, 'report.csv')}: permission denied: you may not open it; nothing was written\n`);
      expect(readdirSync(locked)).toEqual([]);
    }
    chmodSync(locked, 0o755);
  });
});

describe('row accounting: rows read = used + rejected = the non-blank data lines of the files', () => {
  it('check counts every row of several sheets, good and bad', () => {
    const dir = workspace();
    // 120 + 120 good rows; bad.csv: 1 bad row; a sheet with blank lines, a broken quote and a short row.
    writeFileSync(join(dir, 'mixed.csv'), `${H}\n\nS030,甲,1号楼,2026-H1,王主任,leader,1,1,1,1,1\n,,,,,,,,,,\nS031,"乙,1号楼,2026-H1,王主任,leader,1,1,1,1,1\nS032,丙,1号楼,2026-H1,王主任,leader,1,1,1,1\nS033,丁,1号楼,2026-H1,王主任,leader,1,1,1,1,1\n`);
    const r = run(['check', '2026-H1.csv', '2026-H2.csv', 'bad.csv', 'mixed.csv', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const rows = JSON.parse(r.stdout).summary.rows;
    expect(rows).toEqual({ read: 245, used: 242, rejected: 3 });
    const lines = ['2026-H1.csv', '2026-H2.csv', 'bad.csv', 'mixed.csv']
      .map((f) => readFileSync(join(dir, f), f === '2026-H2.csv' ? 'latin1' : 'utf8').split(/\r?\n/).slice(1).filter((l) => !/^[\s,]*$/.test(l)).length)
      .reduce((a, b) => a + b);
    expect(rows.read).toBe(lines);
    expect(r.stderr).toContain('mixed.csv:5:2: error: a quoted cell is never closed');
    expect(r.stderr).toContain('mixed.csv:6:11: error: the row has 10 cells but the header has 11');
  });

  it('the score footer and check agree on a clean run', () => {
    const dir = workspace();
    const score = run(['score', '2026-H1.csv', '2026-H2.csv', '--no-color'], { cwd: dir });
    expect(score.stdout).toContain('Rows: 240 read, 240 used, 0 rejected');
    const check = run(['check', '2026-H1.csv', '2026-H2.csv', '--no-color'], { cwd: dir });
    expect(check.stdout).toContain('Rows: 240 read, 240 used, 0 rejected');
  });
});

describe('nothing read is ever run', () => {
  it('a policy is JSON data: "__proto__" keys are unknown keys, and pollute nothing', () => {
    for (const text of [
      '{ "__proto__": { "precision": 3, "polluted": true } }',
      '{ "roleWeights": { "__proto__": { "leader": 5 } } }',
      '{ "amounts": { "constructor": { "prototype": { "polluted": true } } } }',
    ]) {
      const { errors } = validatePolicy(JSON.parse(text));
      expect(errors.length).toBe(1);
      expect(errors[0]).toMatch(/^unknown key "(roleWeights\.|amounts\.)?(__proto__|constructor)"/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).precision).toBeUndefined();
    }
    const dir = workspace();
    writeFileSync(join(dir, 'evil.json'), '{ "__proto__": { "precision": 3 }, "methods": { "ask": { "max": 20, "roles": ["__proto__"] } } }');
    const r = run(['score', '2026-H1.csv', '--policy', 'evil.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      'evil.json: error: unknown key "__proto__" (known: precision, aggregation, trimMinScores, methods, bands, roleWeights, amounts, rectificationDays, panel)',
      'evil.json: error: "methods.ask.roles" has an unknown role "__proto__" (known: leader, head-office, center-office, student)',
      '',
    ]);
  });

  it('the sources hold no eval, no new Function, no vm, no child processes', () => {
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
    const offenders = walk(join(ROOT, 'src')).filter((f) => /\beval\s*\(|new\s+Function\s*\(|node:vm|child_process|execSync|spawn\(/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('cells that look like paths stay data: no file is read or made from them', () => {
    const dir = workspace();
    const evil = ['../../etc/passwd', '/tmp/evaluate-evil', 'out.csv', '$(touch pwned)', '`touch pwned2`', 'C:\\Windows\\win.ini'];
    const rows = evil.map((id, i) => `"${id}",${id.replace(/[,"]/g, '')},${id},2026-H1,${evil[(i + 1) % evil.length]},student,18,18,18,18,18`);
    writeFileSync(join(dir, 'paths.csv'), `${H}\n${rows.join('\n')}\n`);
    const before = snapshot(dir);
    for (const args of [
      ['score', 'paths.csv', '--format', 'json'],
      ['check', 'paths.csv'],
      ['year', 'paths.csv', '--year', '2026'],
      ['rewards', 'paths.csv', '--year', '2026'],
      ['panel', 'paths.csv'],
      ['explain', '../../etc/passwd', 'paths.csv'],
    ]) {
      const r = run(args, { cwd: dir });
      expect(r.code, args[0]).toBe(0);
    }
    expect([...snapshot(dir).keys()].sort()).toEqual([...before.keys()].sort());
    expect(existsSync('/tmp/evaluate-evil')).toBe(false);
    const doc = JSON.parse(run(['score', 'paths.csv', '--format', 'json'], { cwd: dir }).stdout);
    expect(doc.semesters[0].staff.map((s: { staffId: string }) => s.staffId).sort()).toEqual([...evil].sort());
  });

  it('template writes each rater\'s sheet inside --out whatever the rater is called', () => {
    const dir = workspace();
    const r = run(['template', '--roster', 'roster.csv', '--semester', '2026-H1', '--out', 'sheets', '--raters', '../../evil:leader,/tmp/x:student,..:student'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'sheets')).sort()).toEqual(['2026-H1-evil.csv', '2026-H1-rater.csv', '2026-H1-tmp-x.csv']);
    expect(existsSync(join(dir, '..', 'evil'))).toBe(false);
  });

  it('template sheets are data for evaluate to read back exactly; the reports made from them neutralize formulas', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'formula-roster.csv'), 'staff_id,name,post\n=1+2,@SUM(A1),-楼\nS2,+cmd,1号楼\n');
    const t = run(['template', '--roster', 'formula-roster.csv', '--semester', '2026-H1', '--out', 'sheets', '--raters', '王主任:leader'], { cwd: dir });
    expect(t.code).toBe(0);
    const sheet = join(dir, 'sheets', '2026-H1-王主任.csv');
    // The cells are written as the roster has them, so that the filled-in sheet still matches the roster.
    expect(readFileSync(sheet, 'utf8')).toBe(
      'staff_id,name,post,semester,rater,role,listen,see,check,test,ask\r\n=1+2,@SUM(A1),-楼,2026-H1,王主任,leader,,,,,\r\nS2,+cmd,1号楼,2026-H1,王主任,leader,,,,,\r\n',
    );
    writeFileSync(sheet, readFileSync(sheet, 'utf8').replace(/,,,,,\r\n/g, ',18,18,18,18,18\r\n'));
    const r = run(['score', 'sheets', '--roster', 'formula-roster.csv', '--format', 'csv'], { cwd: dir });
    // One rater, a leader: only the committee is said.
    expect(r.stderr).toBe(
      'sheets/2026-H1-王主任.csv:2: warning: the committee of 2026-H1 differs from the rules (1 leader, 1 head office, 1 center office, 2 student representatives): head office 0 (the rules ask 1); center office 0 (the rules ask 1); student 0 (the rules ask 2)\n',
    );
    expect(r.stdout.split('\r\n').slice(1, 3)).toEqual([
      "1,'=1+2,'@SUM(A1),'-楼,2026-H1,18,18,18,18,18,90.0,excellent,,,",
      "1,S2,'+cmd,1号楼,2026-H1,18,18,18,18,18,90.0,excellent,,,",
    ]);
  });

  it('check has no CSV output to neutralize: --format csv is a usage error', () => {
    const r = run(['check', join(FIX, '2026-H1.csv'), '--format', 'csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--format <format>' argument 'csv' is invalid");
  });
});
