// `strata convert ... --to DIR --partition-by ...` writes hive-partitioned
// directories that DuckDB (hive_partitioning) and Polars read back with
// exactly the input's rows, escaped keys and nulls included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { duckdb, duckdbRows, pl, strata, tempDir } from './lib/harness.mjs';

const dir = tempDir();
const COLUMNS = 'reading_id, ts, site, battery_id, voltage, current, temperature, soc, status';

async function differingRows(a, b) {
  const rows = await duckdbRows(`SELECT count(*) AS n FROM (
    (SELECT ${COLUMNS} FROM ${a} EXCEPT ALL SELECT ${COLUMNS} FROM ${b}) UNION ALL
    (SELECT ${COLUMNS} FROM ${b} EXCEPT ALL SELECT ${COLUMNS} FROM ${a}))`);
  return Number(rows[0].n);
}

function parquetFiles(root) {
  return execFileSync('find', [root, '-name', '*.parquet', '-not', '-name', '.*'],
    { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
}

test('a partitioned, rolled-over telemetry directory holds the input rows', async () => {
  const input = path.join(dir, 'telemetry.parquet');
  strata(['--quiet', 'generate', 'telemetry', '--rows', '100000', '--to', input]);
  const out = path.join(dir, 'by-site-month');
  const { stdout } = strata(['convert', input, '--to', out, '--partition-by', 'site,month(ts)',
    '--target-file-size', '256KB']);
  assert.match(stdout, /^input=.* rows=100000 rejected=0 files=\d+ /);
  const files = parquetFiles(out);
  assert.ok(files.length > 6, `${files.length} files`);
  for (const f of files) assert.match(f, /\/site=DC-[A-Z]{3}-\d\d\/month=\d{1,2}\/part-\d{8}T\d{6}Z-[0-9a-f]{16}-\d{5}\.parquet$/);
  const hive = `read_parquet('${out}/**/*.parquet', hive_partitioning = true)`;
  assert.equal(await differingRows(`'${input}'`, hive), 0);
  const months = await duckdbRows(`SELECT DISTINCT month = month(ts) AS ok FROM ${hive}`);
  assert.deepEqual(months.map((r) => r.ok), [true]);
  // Polars reads every file; together they hold every row.
  let rows = 0;
  for (const f of files) rows += pl.readParquet(f).height;
  assert.equal(rows, 100000);
});

test('partition keys are escaped, nulls and empty strings kept apart', async () => {
  const con = await duckdb();
  const input = path.join(dir, 'keys.parquet');
  await con.run(`COPY (SELECT i, k FROM (VALUES (1, 'a/b%c+d=e:f g'), (2, '05'), (3, ''),
    (4, NULL), (5, 'ü#?'), (6, '..'), (7, '05')) t(i, k)) TO '${input}' (FORMAT parquet)`);
  const out = path.join(dir, 'keys');
  strata(['--quiet', 'convert', input, '--to', out, '--partition-by', 'k']);
  const got = await duckdbRows(`SELECT i, k FROM read_parquet('${out}/**/*.parquet',
    hive_partitioning = true, hive_types = {'k': VARCHAR}) ORDER BY i`);
  const want = await duckdbRows(`SELECT i, k FROM '${input}' ORDER BY i`);
  assert.deepEqual(got, want);
});

test('re-converting an input writes nothing; another input appends', async () => {
  const input = path.join(dir, 'small.parquet');
  const other = path.join(dir, 'other.parquet');
  strata(['--quiet', 'generate', 'telemetry', '--rows', '1000', '--to', input]);
  strata(['--quiet', 'generate', 'telemetry', '--rows', '1000', '--seed', '2', '--to', other]);
  const out = path.join(dir, 'appends');
  strata(['--quiet', 'convert', input, '--to', out]);
  const again = strata(['convert', input, '--to', out]);
  assert.match(again.stdout, /skipped=true reason="already converted at /);
  assert.equal(parquetFiles(out).length, 1);
  strata(['--quiet', 'convert', other, '--to', out]);
  assert.equal(parquetFiles(out).length, 2);
  const n = await duckdbRows(`SELECT count(*) AS n FROM '${out}/*.parquet'`);
  assert.equal(Number(n[0].n), 2000);
});

test('a failing input leaves nothing behind and the others still convert', async () => {
  const good = path.join(dir, 'good.parquet');
  strata(['--quiet', 'generate', 'telemetry', '--rows', '500', '--to', good]);
  const out = path.join(dir, 'mixed');
  const { stderr } = strata(['--quiet', 'convert', path.join(dir, 'missing.parquet'), good,
    '--to', out], { expectCode: 1 });
  assert.match(stderr, /missing\.parquet/);
  assert.match(stderr, /1 of 2 inputs failed/);
  assert.equal(parquetFiles(out).length, 1);
});
