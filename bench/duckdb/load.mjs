// DuckDB side of the engine benchmarks: column types of a benchmark CSV from its header,
// and the read_csv statement that loads it as a table (benchmark only, not product).
import { readFileSync, openSync, readSync, closeSync } from 'node:fs';

const INTS = new Set([
  'prison_months', 'occupational_ban_years', 'expected_sentence_months', 'probation_months',
  'chapter', '_row',
]);
const BOOLS = new Set(['suspended', 'hazardous', 'confessed', 'disclosed']);
const DOUBLES = new Set(['lat', 'lon']);

// The DuckDB type of a column of datasets.md (or of a reference table) by its name.
export function columnType(name) {
  if (INTS.has(name)) return 'BIGINT';
  if (BOOLS.has(name)) return 'BOOLEAN';
  if (DOUBLES.has(name)) return 'DOUBLE';
  if (name.endsWith('_time')) return 'TIMESTAMP';
  if (name.endsWith('_date')) return 'DATE';
  return 'VARCHAR';
}

// The header fields of a CSV file (first line; names are plain identifiers here).
export function csvHeader(path) {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(65536);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const line = buf.subarray(0, n).toString('utf8').split('\n')[0].replace(/\r$/, '');
  return line.split(',').map((s) => s.replace(/^"|"$/g, ''));
}

export function quote(s) {
  return `'${s.replaceAll("'", "''")}'`;
}

// CREATE TABLE ... AS read_csv with explicit types: text stays text (IDs keep a final X),
// dates and times are parsed; an empty field is NULL, a quoted empty field ("") is ''.
export function createTableSql(table, path) {
  const cols = csvHeader(path)
    .map((c) => `${quote(c)}: ${quote(columnType(c))}`)
    .join(', ');
  return (
    `CREATE TABLE "${table}" AS SELECT * FROM read_csv(${quote(path)}, header = true, ` +
    `delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, ` +
    `columns = {${cols}}, dateformat = '%Y-%m-%d', timestampformat = '%Y-%m-%d %H:%M:%S')`
  );
}

export function readText(path) {
  return readFileSync(path, 'utf8');
}
