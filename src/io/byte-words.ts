/**
 * Four bytes at a time: the constants of the word tests ("Bit Twiddling Hacks") with which the CSV
 * reader (records.ts) and the GBK decoder (gbk.ts) step over runs of ordinary bytes. A word is four
 * bytes read little endian as a 32-bit integer (DataView.getInt32(at, true)). Each test leaves the
 * high bit set in the bytes that match and is zero when none does; a borrow or a carry flags only
 * bytes above one that matches, so the lowest byte flagged always matches:
 *
 * - bytes below 0x20 (the control characters, tab and the line ends among them):
 *   `(x - BELOW_SPACE) & ~x & HIGH_BITS`;
 * - bytes equal to b: with `y = x ^ Math.imul(b, EVERY_BYTE)`, `(y - EVERY_BYTE) & ~y & HIGH_BITS`;
 * - bytes 0x7f or above (DEL and every byte of a multi-byte character): `((x + EVERY_BYTE) | x) & HIGH_BITS`;
 * - the place (0-3) of the lowest byte flagged in m: `(31 - Math.clz32(m & -m)) >> 3`.
 *
 * They are written out where they are used, not called: inside the reader's line loop, the same
 * tests as small functions read the 1M-row sheets 7-11% slower (bench/layers.js --layers split
 * --against, 30 paired passes: +25 ms grouped, +18 shuffled), V8 not inlining them into so large a
 * function.
 */

/** A byte repeated in the four bytes of a word: `Math.imul(b, EVERY_BYTE)`. */
export const EVERY_BYTE = 0x01010101;
/** The high bit of each byte: what every test keeps. */
export const HIGH_BITS = 0x80808080;
/** 0x20 in each byte: subtracted, it borrows from (and so flags) the bytes below it. */
export const BELOW_SPACE = 0x20202020;
