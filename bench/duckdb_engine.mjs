// DuckDB side of bench/run_engine.sh: loads every <table>.csv of a directory into an
// in-memory database, then runs one query --repeat times (benchmark only, not product).
//
// Usage: node duckdb_engine.mjs DATA_DIR QUERY_FILE [THREADS] [REPEAT]
// Prints one line: "load_s=L query_s=Q1,Q2,... result=V1,V2,..." (seconds inside the
// process, measured with performance.now(); result = the first row). The caller measures
// the whole process's peak RSS.
import { DuckDBInstance } from '@duckdb/node-api';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTableSql, readText } from './duckdb/load.mjs';

async function main() {
  const [dir, queryFile, threads = '2', repeat = '3'] = process.argv.slice(2);
  if (!dir || !queryFile) {
    console.error('usage: duckdb_engine.mjs DATA_DIR QUERY_FILE [THREADS] [REPEAT]');
    process.exit(2);
  }
  const query = readText(queryFile);
  const instance = await DuckDBInstance.create(':memory:', { threads });
  const con = await instance.connect();
  await con.run(`SET threads = ${Number(threads)}`);
  const t0 = performance.now();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.csv')).sort()) {
    await con.run(createTableSql(f.slice(0, -4), join(dir, f)));
  }
  const loadS = (performance.now() - t0) / 1000;
  const times = [];
  let row = [];
  for (let i = 0; i < Number(repeat); ++i) {
    const t = performance.now();
    const r = await con.runAndReadAll(query);
    times.push((performance.now() - t) / 1000);
    row = r.getRows()[0] ?? [];
  }
  con.closeSync();
  instance.closeSync();
  const result = row.map((v) => (v === null ? '' : String(v))).join(',');
  console.log(
    `load_s=${loadS.toFixed(3)} query_s=${times.map((t) => t.toFixed(3)).join(',')} result=${result}`,
  );
}

main().catch((e) => {
  console.error(`duckdb_engine: ${e.message}`);
  process.exit(1);
});
