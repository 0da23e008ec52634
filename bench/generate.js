// Writes a wide scoring sheet of STAFF x 5 raters (SPEC's columns) to a file, fast and repeatable.
import { createWriteStream } from 'node:fs';

export async function generate(path, staff, ratersPerStaff = 5) {
  const raters = [
    ['王主任', 'leader'],
    ['李科长', 'head-office'],
    ['赵老师', 'center-office'],
    ['学生甲', 'student'],
    ['学生乙', 'student'],
  ];
  const names = ['张伟', '刘洋', '陈静', '杨帆', '黄丽娟', '周敏', '吴强', '徐芳', '孙建国', '马晓燕'];
  const out = createWriteStream(path);
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  let buf = 'staff_id,name,post,semester,rater,role,listen,see,check,test,ask\n';
  for (let s = 0; s < staff; s++) {
    const id = `S${String(s + 1).padStart(6, '0')}`;
    const name = names[s % names.length];
    const post = `${(s % 40) + 1}号楼`;
    const base = 10 + rnd() * 9;
    for (let r = 0; r < ratersPerStaff; r++) {
      const [rater, role] = raters[r % 5];
      const raterName = r < 5 ? rater : `${rater}${Math.floor(r / 5)}`;
      let row = `${id},${name},${post},2026-H1,${raterName},${role}`;
      for (let m = 0; m < 5; m++) {
        const v = Math.min(20, Math.max(0, Math.round((base + (rnd() - 0.5) * 3) * 2) / 2));
        row += `,${v}`;
      }
      buf += `${row}\n`;
    }
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise((r) => out.end(r));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, staff, raters = '5'] = process.argv.slice(2);
  if (!path || path.startsWith('-') || !(Number(staff) > 0) || !(Number(raters) > 0)) {
    process.stderr.write('usage: node bench/generate.js FILE STAFF [RATERS_PER_STAFF=5]\n  writes a sheet of STAFF people x RATERS rows (semester 2026-H1) to FILE\n');
    process.exit(path === '--help' || path === '-h' ? 0 : 2);
  }
  await generate(path, Number(staff), Number(raters));
}
