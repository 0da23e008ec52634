import { describe, expect, it } from 'vitest';
import { displayWidth } from '../src/render/width.js';

describe('display width', () => {
  it.each([
    ['S001', 4],
    ['张伟', 4],
    ['3号楼', 5],
    ['１８．５', 8],
    ['e\u0301', 1],
    ['\x1b[31m红\x1b[0m', 2],
    ['', 0],
  ])('%j is %i columns', (text, width) => expect(displayWidth(text)).toBe(width));
});
