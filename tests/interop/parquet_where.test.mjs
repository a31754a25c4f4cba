// `strata cat --where` against DuckDB as the oracle: for each predicate the
// rows strata prints are exactly the rows DuckDB selects from the same file
// (a file with small row groups, page index and bloom filters, so pruning
// is exercised), and the same holds on a file DuckDB wrote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { duckdb, duckdbRows, strata, tempDir } from './lib/harness.mjs';

const dir = tempDir();
const file = path.join(dir, 'telemetry.parquet');
strata(['--quiet', 'generate', 'telemetry', '--rows', '60000', '--to', file,
  '--row-group-rows', '5000', '--page-size', '16KB', '--bloom-filter', 'battery_id',
  '--bloom-filter', 'status']);

const PREDICATES = [
  'reading_id >= 59990',
  'reading_id < 10',
  "status = 'alarm'",
  "battery_id = 'DC-SIN-02-UPS-01-STR-03-JAR-012' AND reading_id < 5000",
  "battery_id IN ('DC-CNX-01-UPS-01-STR-01-JAR-001', 'DC-KUL-01-UPS-01-STR-03-JAR-012')",
  "battery_id = 'no such battery'",
  'temperature IS NULL',
  'temperature IS NOT NULL AND temperature > 43.5',
  "ts >= '2025-10-01 01:00:00' AND ts < '2025-10-01 01:00:20'",
  "ts > '2025-10-01T01:30:00Z' AND site = 'DC-HKT-01' AND soc = 50",
  'voltage <= 12.2005',
  'current != 0 AND soc IN (0, 100) AND reading_id > 50000',
];

async function check(parquetFile, predicate) {
  const { stdout } = strata(['cat', parquetFile, '--where', predicate, '--format', 'csv',
    '--columns', 'reading_id']);
  const got = stdout.trim().split('\n').slice(1).filter((l) => l !== '').map(Number);
  const rows = await duckdbRows(
    `SELECT reading_id FROM '${parquetFile}' WHERE ${predicate} ORDER BY reading_id`);
  const expected = rows.map((r) => Number(r.reading_id));
  assert.deepEqual(got.sort((a, b) => a - b), expected, predicate);
}

test('cat --where selects exactly the rows DuckDB selects (strata-written file)', async () => {
  for (const predicate of PREDICATES) await check(file, predicate);
});

test('cat --where selects exactly the rows DuckDB selects (DuckDB-written file)', async () => {
  const duckFile = path.join(dir, 'duckdb.parquet');
  const con = await duckdb();
  await con.run(`COPY (SELECT * FROM '${file}') TO '${duckFile}'
    (FORMAT parquet, ROW_GROUP_SIZE 4096)`);
  for (const predicate of PREDICATES) await check(duckFile, predicate);
});

test('cat --where explains a bad predicate', () => {
  const r = strata(['cat', file, '--where', 'soc >'], { expectCode: 1 });
  assert.match(r.stderr, /--where: expected a value after '>'/);
  const unknown = strata(['cat', file, '--where', 'volts > 1'], { expectCode: 1 });
  assert.match(unknown.stderr, /column 'volts' not found/);
});
