// The benchmark task in DuckDB: mean per method per staff member (per semester and staff member
// with `by-semester`), the total, one row per group out. Usage: node query.js OUT THREADS MODE FILE...
// (a FILE may be a glob such as folder/*.csv).
import { DuckDBInstance } from '@duckdb/node-api';

const [out, threads = '2', mode = 'staff', ...files] = process.argv.slice(2);
const q = (s) => `'${s.replace(/'/g, "''")}'`;
const source = files.length === 1 ? q(files[0]) : `[${files.map(q).join(', ')}]`;
const keys = mode === 'by-semester' ? 'semester, staff_id' : 'staff_id';
const db = await DuckDBInstance.create(':memory:', { threads });
const con = await db.connect();
await con.run(`COPY (
  SELECT ${keys}, avg(listen) AS listen, avg(see) AS see, avg("check") AS "check", avg(test) AS test, avg(ask) AS ask,
         avg(listen) + avg(see) + avg("check") + avg(test) + avg(ask) AS total
  FROM read_csv(${source}, header = true) GROUP BY ${keys}) TO ${q(out)} (HEADER)`);
