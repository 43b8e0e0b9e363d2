// DuckDB side of the full-library benchmark (bench/run_engine.sh): loads the normalised
// tables that Tutela exported, then runs the 26 rules of models/*.sql on DuckDB and counts
// the clues of each rule (distinct key tuples). Benchmark only, not product.
//
// Usage: node duckdb_library.mjs CSV_DIR MODELS_DIR AS_OF [THREADS] [DUMP_DIR]
//   CSV_DIR     one <table>.csv per table (with a _row column), reference tables included
//   MODELS_DIR  models/: each rule's SQL is taken as written, with :as_of and the model's
//               parameter defaults substituted, trim() mapped to tutela_trim(),
//               age_at(birth_of(p), d) to age_of(p, d), and the dialect's functions
//               supplied as macros (duckdb/macros.sql); a file
//               duckdb/rules/<model>.<rule>.sql replaces a rule's SQL (hand-written grids)
//   DUMP_DIR    if given, the SQL that DuckDB ran for each rule is written there
// Prints "rule=<model.rule> clues=<n> s=<seconds>" per rule, then
// "load_s=<import> rules_s=<all rules> total_s=<both>" (performance.now(), inside the process).
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTableSql, readText } from './duckdb/load.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

// Splits a model file into rules: { model, name, keys: [...], sql } with parameters bound.
export function parseModel(text, asOf) {
  const lines = text.split('\n');
  let model = '';
  const params = {};
  const rules = [];
  let cur = null;
  for (const line of lines) {
    const m = line.match(/^--\s*([a-z_]+):\s*(.*)$/);
    if (m && m[1] === 'model') model = m[2].trim();
    else if (m && m[1] === 'param' && !cur) {
      const p = m[2].replace(/#.*/, '').split('=');
      params[p[0].trim()] = p[1].trim();
    } else if (m && m[1] === 'rule') {
      cur = { model, name: m[2].trim(), keys: [], sql: '' };
      rules.push(cur);
    } else if (m && m[1] === 'keys' && cur) cur.keys = m[2].split(',').map((k) => k.trim());
    else if (cur && !line.startsWith('--')) cur.sql += `${line}\n`;
  }
  for (const r of rules) {
    r.sql = r.sql
      .trim()
      .replace(/;\s*$/, '')
      .replace(/(?<!:):([a-z_][a-z0-9_]*)/g, (all, name) => {
        if (name === 'as_of') return `DATE '${asOf}'`;
        if (!(name in params)) throw new Error(`${model}.${r.name}: unknown parameter :${name}`);
        return params[name];
      })
      .replace(/\btrim\(/g, 'tutela_trim(')
      .replace(/\bage_at\(birth_of\(([^()]+)\),/g, 'age_of($1,');
  }
  return rules;
}

async function main() {
  const [csvDir, modelsDir, asOf, threads = '2', dumpDir] = process.argv.slice(2);
  if (!csvDir || !modelsDir || !asOf) {
    console.error('usage: duckdb_library.mjs CSV_DIR MODELS_DIR AS_OF [THREADS] [DUMP_DIR]');
    process.exit(2);
  }
  const rules = readdirSync(modelsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .flatMap((f) => parseModel(readText(join(modelsDir, f)), asOf));
  if (dumpDir) mkdirSync(dumpDir, { recursive: true });

  const instance = await DuckDBInstance.create(':memory:', { threads });
  const con = await instance.connect();
  await con.run(`SET threads = ${Number(threads)}`);
  const t0 = performance.now();
  for (const f of readdirSync(csvDir).filter((n) => n.endsWith('.csv')).sort()) {
    await con.run(createTableSql(f.slice(0, -4), join(csvDir, f)));
  }
  const macros = readText(join(HERE, 'duckdb', 'macros.sql'));
  for (const stmt of macros.split(/;\s*\n/)) {
    if (stmt.replace(/--.*\n?/g, '').trim()) await con.run(stmt);
  }
  const t1 = performance.now();
  for (const r of rules) {
    const id = `${r.model}.${r.name}`;
    const override = join(HERE, 'duckdb', 'rules', `${id}.sql`);
    const sql = existsSync(override) ? readText(override).trim().replace(/;\s*$/, '') : r.sql;
    const count = `SELECT count(*) FROM (SELECT DISTINCT ${r.keys.join(', ')} FROM (\n${sql}\n) rule_rows) clues`;
    if (dumpDir) writeFileSync(join(dumpDir, `${id}.sql`), `${count};\n`);
    const t = performance.now();
    const n = (await con.runAndReadAll(count)).getRows()[0][0];
    console.log(`rule=${id} clues=${n} s=${((performance.now() - t) / 1000).toFixed(3)}`);
  }
  const t2 = performance.now();
  con.closeSync();
  instance.closeSync();
  const s = (a, b) => ((b - a) / 1000).toFixed(3);
  console.log(`load_s=${s(t0, t1)} rules_s=${s(t1, t2)} total_s=${s(t0, t2)}`);
}

main().catch((e) => {
  console.error(`duckdb_library: ${e.message}`);
  process.exit(1);
});
