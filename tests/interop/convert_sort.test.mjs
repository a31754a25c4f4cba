// `strata convert --sort-by`: DuckDB reads back exactly the row sequence
// of its own ORDER BY over the same CSV, also when a small --sort-memory
// makes strata spill and merge sorted runs; every file of a partitioned
// output is sorted on its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assertSameRows, duckdbRows, strata, tempDir } from './lib/harness.mjs';

const dir = tempDir();
const csv = path.join(dir, 'telemetry.csv');
strata(['--quiet', 'generate', 'telemetry', '--rows', '200000', '--to', csv]);

// (battery_id, ts) is unique in the telemetry data, so the order is total
// and no tie-break can hide a difference.
const COLUMNS = 'reading_id, battery_id, epoch_us(ts) AS ts, temperature';

function hiddenEntries(root) {
  return execFileSync('find', [root, '-name', '.*'], { encoding: 'utf8' })
    .trim().split('\n').filter(Boolean);
}

test('a spilled sort equals DuckDB\'s ORDER BY battery_id, ts DESC', async () => {
  const out = path.join(dir, 'sorted.parquet');
  const { stdout, stderr } = strata(['convert', csv, '--to', out, '--sort-by',
    'battery_id, ts DESC', '--sort-memory', '2MB', '--log-level', 'info']);
  assert.match(stdout, /^input=.* rows=200000 rejected=0 files=1 /);
  // Each CSV block is a batch larger than 2MB: each spills a run at least.
  assert.match(stderr, /msg="sorted with spilled runs" rows=200000 runs=([3-9]|[1-9]\d+) /);
  const ours = await duckdbRows(`SELECT ${COLUMNS} FROM '${out}'`);
  const theirs = await duckdbRows(
    `SELECT ${COLUMNS} FROM read_csv('${csv}') ORDER BY battery_id, ts DESC`);
  assertSameRows(ours, theirs, 'sorted rows');
  assert.deepEqual(hiddenEntries(dir), []);
});

test('nulls last by default and first on request, as DuckDB', async () => {
  const out = path.join(dir, 'by-temperature.parquet');
  strata(['--quiet', 'convert', csv, '--to', out, '--sort-by',
    'temperature DESC NULLS FIRST, reading_id', '--sort-memory', '4MB']);
  const ours = await duckdbRows(`SELECT ${COLUMNS} FROM '${out}'`);
  const theirs = await duckdbRows(`SELECT ${COLUMNS} FROM read_csv('${csv}')
    ORDER BY temperature DESC NULLS FIRST, reading_id`);
  assertSameRows(ours, theirs, 'rows by temperature');
  const asc = path.join(dir, 'by-temperature-asc.parquet');
  strata(['--quiet', 'convert', csv, '--to', asc, '--sort-by', 'temperature, reading_id DESC']);
  const last = await duckdbRows(`SELECT ${COLUMNS} FROM '${asc}'`);
  const want = await duckdbRows(`SELECT ${COLUMNS} FROM read_csv('${csv}')
    ORDER BY temperature, reading_id DESC`);
  assertSameRows(last, want, 'rows by temperature ascending');
});

test('every file of a partitioned, rolled-over output is sorted', async () => {
  const out = path.join(dir, 'by-site');
  const { stdout } = strata(['convert', csv, '--to', out, '--partition-by', 'site',
    '--sort-by', 'battery_id, ts DESC', '--sort-memory', '2MB', '--target-file-size', '256KB']);
  assert.match(stdout, / rows=200000 rejected=0 files=\d+ /);
  const files = execFileSync('find', [out, '-name', '*.parquet', '-not', '-name', '.*'],
    { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  assert.ok(files.length > 8, `${files.length} files`);
  let rows = 0;
  for (const file of files) {
    const got = await duckdbRows(`SELECT ${COLUMNS} FROM '${file}'`);
    const want = await duckdbRows(
      `SELECT ${COLUMNS} FROM '${file}' ORDER BY battery_id, ts DESC`);
    assertSameRows(got, want, file);
    rows += got.length;
  }
  assert.equal(rows, 200000);
  const hive = `read_parquet('${out}/**/*.parquet', hive_partitioning = true)`;
  const missing = await duckdbRows(`SELECT count(*) AS n FROM (
    SELECT reading_id FROM read_csv('${csv}') EXCEPT SELECT reading_id FROM ${hive})`);
  assert.equal(Number(missing[0].n), 0);
  assert.deepEqual(hiddenEntries(out), []);
  assert.ok(fs.existsSync(path.join(out, '_strata')));
});
