// The benchmark task in DuckDB: mean per method per staff member, the total, one row per staff out.
import { DuckDBInstance } from '@duckdb/node-api';

const [file, out, threads = '2'] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads });
const con = await db.connect();
await con.run(`COPY (
  SELECT staff_id, avg(listen) AS listen, avg(see) AS see, avg("check") AS "check", avg(test) AS test, avg(ask) AS ask,
         avg(listen) + avg(see) + avg("check") + avg(test) + avg(ask) AS total
  FROM read_csv('${file.replace(/'/g, "''")}', header = true) GROUP BY staff_id) TO '${out.replace(/'/g, "''")}' (HEADER)`);
