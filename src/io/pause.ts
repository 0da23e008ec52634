/**
 * Blocks this thread for `ms` milliseconds: a wait on a word nothing wakes. For a short retry (a pipe
 * whose writer has not written yet) and the tests' slow or late reader threads; never the event loop's
 * way of waiting, which these synchronous readings do not have.
 */
export function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
