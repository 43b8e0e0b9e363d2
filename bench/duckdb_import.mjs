// Benchmark yardstick: DuckDB (npm @duckdb/node-api) loading hotel_checkins.csv
// into a table with read_csv, or reopening a database file and counting its rows.
//
// Usage:
//   node duckdb_import.mjs import CSV DB [THREADS]   DB is a file path or :memory:
//   node duckdb_import.mjs reopen DB [THREADS]
// Prints one line "rows=N seconds=S" on stdout (S: time inside the process,
// without Node start-up). The caller measures wall time and peak RSS itself.
import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';

const [mode, ...rest] = process.argv.slice(2);

// Explicit column types, as the standard defines them: text stays text (room_no
// and person_id keep leading zeros / a final X), the two times are TIMESTAMPs
// that DuckDB must parse and validate. Empty fields become NULL.
const COLUMNS = `{
  'hotel_id': 'VARCHAR', 'room_no': 'VARCHAR', 'person_id': 'VARCHAR', 'name': 'VARCHAR',
  'checkin_time': 'TIMESTAMP', 'checkout_time': 'TIMESTAMP', 'guardian_contact': 'VARCHAR'}`;

function quote(s) {
  return `'${s.replaceAll("'", "''")}'`;
}

async function main() {
  if (mode === 'import' && rest.length >= 2) {
    const [csv, db, threads = '2'] = rest;
    if (db !== ':memory:') {
      rmSync(db, { force: true });
      rmSync(`${db}.wal`, { force: true });
    }
    const t0 = performance.now();
    const instance = await DuckDBInstance.create(db, { threads });
    const con = await instance.connect();
    await con.run(`SET threads = ${Number(threads)}`);
    await con.run(
      `CREATE TABLE hotel_checkins AS SELECT * FROM read_csv(${quote(csv)}, header = true, ` +
        `columns = ${COLUMNS}, timestampformat = '%Y-%m-%d %H:%M:%S')`,
    );
    if (db !== ':memory:') await con.run('CHECKPOINT');
    const n = (await con.runAndReadAll('SELECT count(*) FROM hotel_checkins')).getRows()[0][0];
    const secs = (performance.now() - t0) / 1000;
    con.closeSync();
    instance.closeSync();
    console.log(`rows=${n} seconds=${secs.toFixed(3)}`);
  } else if (mode === 'reopen' && rest.length >= 1) {
    const [db, threads = '2'] = rest;
    const t0 = performance.now();
    const instance = await DuckDBInstance.create(db, { threads, access_mode: 'READ_ONLY' });
    const con = await instance.connect();
    const n = (await con.runAndReadAll('SELECT count(*) FROM hotel_checkins')).getRows()[0][0];
    const secs = (performance.now() - t0) / 1000;
    con.closeSync();
    instance.closeSync();
    console.log(`rows=${n} seconds=${secs.toFixed(3)}`);
  } else {
    console.error('usage: duckdb_import.mjs import CSV DB [THREADS] | reopen DB [THREADS]');
    process.exit(2);
  }
}

main().catch((e) => {
  console.error(`duckdb_import: ${e.message}`);
  process.exit(1);
});
