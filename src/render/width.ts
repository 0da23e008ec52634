/**
 * Display width in terminal columns: Chinese characters and full-width forms take two, combining
 * marks and zero-width characters none. East Asian Width comes from get-east-asian-width; we do not
 * segment graphemes (string-width does, at ~70 ms of start-up for Intl.Segmenter and its emoji
 * regexes), since staff names and posts are plain CJK and Latin text.
 */
import { eastAsianWidth } from 'get-east-asian-width';

// eslint-disable-next-line no-control-regex -- terminal color codes are what it strips
const ANSI = /\x1b\[[0-9;]*m/g;
const ZERO_WIDTH = /\p{Mn}|\p{Me}|\p{Cf}/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text.includes('\x1b') ? text.replace(ANSI, '') : text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    if (cp < 0x300) {
      width += 1;
      continue;
    }
    if (ZERO_WIDTH.test(ch)) continue;
    width += eastAsianWidth(cp);
  }
  return width;
}
