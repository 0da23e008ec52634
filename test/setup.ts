/**
 * Between two tests, a turn of the event loop. Many e2e tests run the program with spawnSync, and
 * vitest runs a file's tests one after another without letting the worker take in its messages: a
 * file of 80 s of synchronous tests (the reports printed in a browser, the Chinese words of every
 * example) left vitest's own call to its main process unanswered past its 60 s limit, an "Unhandled
 * Error: [vitest-worker]: Timeout calling onTaskUpdate" that fails the run with every test passed.
 */
import { afterEach } from 'vitest';

// A timer, then an immediate: from the timers phase through the poll phase, where the messages are
// taken in, to the check phase. An immediate alone may run before the next poll.
afterEach(async () => {
  await new Promise<void>((done) => setTimeout(done, 0));
  await new Promise<void>((done) => setImmediate(done));
});
