/**
 * Running the real `evaluate` binary as a process, as a user or a script would, and the temporary
 * folders the tests make (removed when the test file ends).
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'bin', 'evaluate.cjs');
export const FIX = join(ROOT, 'fixtures');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `evaluate ARGS...` as a process. Without `cwd` it runs in a fresh folder of its own holding only
 * `fixtures -> <repo>/fixtures`: relative paths such as `fixtures/2026-H1.csv` (and the messages
 * naming them) are as in the repository, but an `evaluate.config.json` someone left in the clone
 * (`evaluate init`, as the README shows) is never picked up.
 */
export function run(args: string[], opts: { input?: string | Buffer; cwd?: string; env?: Record<string, string> } = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? scratchDir(),
    input: opts.input ?? '',
    env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8', ...opts.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh empty folder holding only the `fixtures` link: the working folder of a test's command. */
export function scratchDir(): string {
  const dir = tempDir();
  symlinkSync(FIX, join(dir, 'fixtures'));
  return dir;
}

const made: string[] = [];

/** A new empty temporary folder, removed with everything in it when the test file ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'evaluate-test-'));
  made.push(dir);
  return dir;
}

/** Removes a folder a test made, also when the test left a part of it read-only. */
export function removeDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    const writable = (d: string) => {
      chmodSync(d, 0o700);
      for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) writable(join(d, e.name));
    };
    writable(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

// Registered on the test file that imports this module (each test file gets its own copy of it).
afterAll(() => {
  for (const dir of made.splice(0)) removeDir(dir);
});

/** Whether tmux is installed (the terminal tests are skipped, visibly, where it is not). */
export const haveTmux = spawnSync('tmux', ['-V']).status === 0;

/**
 * A tmux server of the test file's own, so that the tests never touch the user's sessions:
 * `tmux(...args)` runs a tmux command on it. Its socket is in a folder of its own (`-S`), not in
 * the folder tmux shares between servers (/tmp/tmux-UID), which tmux makes and never removes: when
 * the test file ends the server is stopped and the folder removed, and nothing is left behind.
 */
export function tmuxServer(name: string): (...args: string[]) => SpawnSyncReturns<string> {
  const dir = haveTmux ? mkdtempSync(join(tmpdir(), `evaluate-tmux-${name}-`)) : tmpdir();
  const socket = join(dir, 'socket');
  const tmux = (...args: string[]) => spawnSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
  afterAll(() => {
    if (!haveTmux) return;
    // The server first: its socket's folder removed under it would leave it running.
    tmux('kill-server');
    rmSync(dir, { recursive: true, force: true });
  });
  return tmux;
}
