// The sheets `npm run bench` measures, written fast and repeatably (a fixed random seed): a
// committee's scores of STAFF people by RATERS raters each, in the shapes a batch user meets.
//
//   grouped      the rows of one person together (as a person's sheet is typed)
//   rater-major  each rater's sheet appended after the other; every name different
//   shuffled     the same rows in random order
//   folder       five sheets in a folder, one per rater
//   gbk          the grouped rows as Excel's Chinese CSV: GBK, CRLF, Chinese headers
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const RATERS = [
  ['王主任', 'leader'],
  ['李科长', 'head-office'],
  ['赵老师', 'center-office'],
  ['学生甲', 'student'],
  ['学生乙', 'student'],
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国晓燕文辉鹏飞';
const EN_HEADER = 'staff_id,name,post,semester,rater,role,listen,see,check,test,ask';
const ZH_HEADER = '工号,姓名,岗位,学期,评委,角色,听,看,查,测,问';

/** A deterministic random source. */
function random(seed) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

/** Person i's name: ten names for everyone (`distinct` false), or a different one each. */
function nameOf(i, distinct) {
  if (!distinct) return ['张伟', '刘洋', '陈静', '杨帆', '黄丽娟', '周敏', '吴强', '徐芳', '孙建国', '马晓燕'][i % 10];
  const a = SURNAMES[i % SURNAMES.length];
  const b = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length];
  const c = GIVEN[Math.floor(i / (SURNAMES.length * GIVEN.length)) % GIVEN.length];
  return `${a}${b}${c}`;
}

/** The rows, as text lines without line ends, in the order of `shape`. */
function* rows({ staff, raters = 5, semester = '2026-H1', shape = 'grouped', distinct = false, seed = 42 }) {
  const rnd = random(seed);
  const base = Array.from({ length: staff }, () => 10 + rnd() * 9);
  const row = (s, r) => {
    const id = `S${String(s + 1).padStart(6, '0')}`;
    const [rater, role] = RATERS[r % 5];
    const raterName = r < 5 ? rater : `${rater}${Math.floor(r / 5)}`;
    let line = `${id},${nameOf(s, distinct)},${(s % 40) + 1}号楼,${semester},${raterName},${role}`;
    // Each score from the person's base and the rater: the same whatever order the rows come in.
    const r2 = random(s * 131 + r * 7 + 1);
    for (let m = 0; m < 5; m++) line += `,${Math.min(20, Math.max(0, Math.round((base[s] + (r2() - 0.5) * 3) * 2) / 2))}`;
    return line;
  };
  if (shape === 'grouped') {
    for (let s = 0; s < staff; s++) for (let r = 0; r < raters; r++) yield row(s, r);
  } else if (shape === 'rater-major') {
    for (let r = 0; r < raters; r++) for (let s = 0; s < staff; s++) yield row(s, r);
  } else if (shape === 'shuffled') {
    const order = new Int32Array(staff * raters);
    for (let i = 0; i < order.length; i++) order[i] = i;
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) yield row(Math.floor(k / raters), k % raters);
  } else throw new Error(`unknown shape ${shape}`);
}

/** Writes lines to a file in big blocks; returns the path. */
function writeLines(path, header, lines, { eol = '\n', encode = (s) => Buffer.from(s, 'utf8') } = {}) {
  const fd = openSync(path, 'w');
  let buf = `${header}${eol}`;
  for (const line of lines) {
    buf += line + eol;
    if (buf.length > 1 << 20) {
      writeSync(fd, encode(buf));
      buf = '';
    }
  }
  writeSync(fd, encode(buf));
  closeSync(fd);
  return path;
}

let gbkTable = null;
/** Text as GBK bytes (every character the sheets use is in GBK). */
function toGbk(text) {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const out = Buffer.allocUnsafe(text.length * 2);
  let o = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) out[o++] = c;
    else {
      const pair = gbkTable.get(ch);
      if (!pair) throw new Error(`not in GBK: ${ch}`);
      out[o++] = pair[0];
      out[o++] = pair[1];
    }
  }
  return out.subarray(0, o);
}

/**
 * Writes one case under `dir`; returns { args: what evaluate reads, duck: what DuckDB reads (UTF-8),
 * bytes }. `shape` as above, or `folder` and `gbk`.
 */
export function writeCase(dir, name, { staff, raters = 5, semester = '2026-H1', shape = 'grouped', distinct = false, seed = 42 }) {
  mkdirSync(dir, { recursive: true });
  if (shape === 'folder') {
    const folder = join(dir, name);
    mkdirSync(folder, { recursive: true });
    const all = [...rows({ staff, raters, semester, shape: 'rater-major', distinct })];
    for (let r = 0; r < raters; r++) writeLines(join(folder, `rater-${r + 1}.csv`), EN_HEADER, all.slice(r * staff, (r + 1) * staff));
    return { args: [folder], duck: join(folder, '*.csv') };
  }
  if (shape === 'gbk') {
    const utf8 = writeLines(join(dir, `${name}-utf8.csv`), EN_HEADER, rows({ staff, raters, semester, shape: 'grouped', distinct }));
    const gbk = writeLines(join(dir, `${name}.csv`), ZH_HEADER, rows({ staff, raters, semester, shape: 'grouped', distinct }), { eol: '\r\n', encode: toGbk });
    return { args: [gbk], duck: utf8 };
  }
  const path = writeLines(join(dir, `${name}.csv`), EN_HEADER, rows({ staff, raters, semester, shape, distinct, seed }));
  return { args: [path], duck: path };
}

/** A sheet of `lines` written as they are (bad rows, repeated rows, random text). */
export function writeRaw(dir, name, header, lines) {
  mkdirSync(dir, { recursive: true });
  return writeLines(join(dir, `${name}.csv`), header, lines);
}

export { EN_HEADER, RATERS, rows };
