// Standard output without Node's stream: a report to a file, a pipe or /dev/null is written straight
// to descriptor 1 (making `process.stdout` loads Node's stream modules, about 3 ms of a 70 ms start);
// a pipe another process left non-blocking, once full, is finished through the stream. The bundle
// is ASCII, so that V8 reads it as a one-byte string.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.js';
import { BIN, FIX, ROOT, run, tempDir } from './helpers.js';

const H1 = join(FIX, '2026-H1.csv');

/** bash -c `script`, with the modules each evaluate loads written to $MODULES (one file per process). */
function bash(script: string, dir: string): { code: number | null; stdout: string; stderr: string } {
  const hook = join(dir, 'modules.cjs');
  writeFileSync(hook, "process.on('exit', () => require('node:fs').writeFileSync(process.env.MODULES + '.' + process.pid, process.moduleLoadList.join('\\n')));\n");
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8', NODE: process.execPath, BIN, HOOK: hook, MODULES: join(dir, 'modules') },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The modules the one evaluate run of `dir` loaded. */
function modulesOf(dir: string): string[] {
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', 'cat modules.*'], { cwd: dir, encoding: 'utf8' });
  return r.stdout.split('\n');
}

describe('standard output', () => {
  const report = run(['score', H1, '--format', 'csv']).stdout;

  it.each([
    ['a file', `"$NODE" -r "$HOOK" "$BIN" score "${H1}" --format csv > out.csv; echo $? > code`, true],
    ['a pipe', `"$NODE" -r "$HOOK" "$BIN" score "${H1}" --format csv | cat > out.csv; echo "\${PIPESTATUS[0]}" > code`, true],
    ['/dev/null', `"$NODE" -r "$HOOK" "$BIN" score "${H1}" --format csv > /dev/null; echo $? > code; : > out.csv`, false],
  ] as const)('a report to %s is written whole without loading Node\'s streams', (_, script, kept) => {
    const dir = tempDir();
    const r = bash(script, dir);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(readFileSync(join(dir, 'code'), 'utf8').trim()).toBe('0');
    if (kept) expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(report);
    const modules = modulesOf(dir);
    expect(modules).toContain('NativeModule vm');
    // (A bare node loads internal/streams/utils already; the stream classes come with process.stdout.)
    expect(modules.filter((m) => m === 'NativeModule stream' || m === 'NativeModule internal/streams/writable')).toEqual([]);
  });

  it('the control: writing through process.stdout loads the stream modules, which the check above would see', () => {
    const dir = tempDir();
    const r = bash(`"$NODE" -r "$HOOK" -e 'process.stdout.write("x")' > /dev/null`, dir);
    expect(r.code).toBe(0);
    expect(modulesOf(dir)).toEqual(expect.arrayContaining(['NativeModule stream', 'NativeModule internal/streams/writable']));
  });

  it('a full pipe that another process made non-blocking: the report arrives whole (exit 0)', async () => {
    const dir = tempDir();
    // 3,000 people: a report of about 250 KB, four times what a pipe holds.
    await generate(join(dir, 'big.csv'), 3000);
    const whole = run(['score', join(dir, 'big.csv'), '--format', 'csv']);
    expect(whole.code).toBe(0);
    // A Node process sharing the pipe makes it non-blocking (and keeps it so while it runs); evaluate
    // starts once it has, and the reader waits a second, so that the pipe is full when evaluate writes.
    const r = bash(
      `( "$NODE" -e 'process.stdout.write(""); require("fs").writeFileSync("ready", ""); setTimeout(() => {}, 2500)' &
        while [ ! -e ready ]; do sleep 0.05; done
        exec "$NODE" "$BIN" score big.csv --format csv ) | ( sleep 1; cat > out.csv ); echo "\${PIPESTATUS[0]}" > code`,
      dir,
    );
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(readFileSync(join(dir, 'code'), 'utf8').trim()).toBe('0');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(whole.stdout);
  });
});

describe('every command to a pipe and to a file', () => {
  it('writes what it writes to the tests\' standard output (a socket, which takes the stream), with the same exit code and messages', () => {
    // `verify` once printed "not reproduced" to a pipe or a file only: its thread wrote the report to
    // descriptor 1. The tests' own standard output takes the stream, and would not have seen it.
    const dir = tempDir();
    const H2 = join(FIX, '2026-H2.csv');
    writeFileSync(join(dir, 'bad.csv'), 'staff_id,semester,rater,listen,see,check,test,ask\nS1,2026-H1,R,18,18,25,18,18\n');
    expect(run(['score', H1, '--format', 'json', '--out', join(dir, 'a.json')]).code).toBe(0);
    expect(run(['score', H2, '--format', 'json', '--out', join(dir, 'b.json')]).code).toBe(0);
    const commands = [
      ['score', H1],
      ['score', H1, '--format', 'json'],
      ['score', join(dir, 'bad.csv')],
      ['year', H1, H2, '--format', 'csv'],
      ['rewards', H1, H2],
      ['history', H1, H2, '--format', 'md'],
      ['check', H1, H2],
      ['explain', 'S001', H1],
      ['panel', H1, '--format', 'json'],
      ['diff', join(dir, 'a.json'), join(dir, 'b.json')],
      ['verify', join(dir, 'a.json')],
      ['notices', H1],
      ['score', '--help'],
    ].flatMap((c) => [
      [...c, '--lang', 'en'],
      [...c, '--lang', 'zh'],
    ]);
    const quote = (args: string[]) => args.map((a) => `'${a}'`).join(' ');
    const script = commands
      .map((c, i) => `"$NODE" "$BIN" ${quote(c)} > file.${i} 2> file-err.${i}; echo $? > file-code.${i}
"$NODE" "$BIN" ${quote(c)} 2> pipe-err.${i} | cat > pipe.${i}; echo "\${PIPESTATUS[0]}" > pipe-code.${i}`)
      .join('\n');
    expect(bash(script, dir).code).toBe(0);
    const read = (name: string) => readFileSync(join(dir, name), 'utf8');
    commands.forEach((c, i) => {
      const want = run(c);
      for (const to of ['file', 'pipe']) {
        expect([c.join(' '), to, Number(read(`${to}-code.${i}`)), read(`${to}.${i}`), read(`${to}-err.${i}`)]).toEqual([c.join(' '), to, want.code, want.stdout, want.stderr]);
      }
    });
  });
});

describe('the bundles are ASCII', () => {
  it('every character outside ASCII is escaped, and the Chinese words come out right', () => {
    for (const name of ['cli.cjs', 'score.cjs']) expect(readFileSync(join(ROOT, 'dist', name)).findIndex((b) => b >= 0x80)).toBe(-1);
    const zh = run(['score', H1, '--lang', 'zh']);
    expect(zh.code).toBe(0);
    expect(zh.stdout.split('\n')[0]).toBe('员工业务评比 2026年上半年：24 人，评委 5 人');
  });
});
