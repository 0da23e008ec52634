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
  const plain = text.includes('\x1b') ? text.replace(ANSI, '') : text;
  let width = 0;
  for (let i = 0; i < plain.length; i++) {
    const c = plain.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) continue;
    if (c < 0x300) {
      width += 1;
      continue;
    }
    // CJK unified ideographs, most of a Chinese name: wide, and no lookup needed.
    if (c >= 0x4e00 && c <= 0x9fff) {
      width += 2;
      continue;
    }
    const cp = plain.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (ZERO_WIDTH.test(String.fromCodePoint(cp))) continue;
    width += eastAsianWidth(cp);
  }
  return width;
}
