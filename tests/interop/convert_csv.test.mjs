// `strata convert` of CSV: DuckDB reading what strata wrote (hive
// partitions included) gets exactly the rows DuckDB itself parses from the
// same CSV, wherever the two infer the same type; where they differ, the
// difference is listed here, never silently accepted. Polars reads the files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { duckdb, duckdbRows, duckdbTypes, pl, strata, tempDir } from './lib/harness.mjs';

const dir = tempDir();

function parquetFiles(root) {
  return execFileSync('find', [root, '-name', '*.parquet', '-not', '-name', '.*'],
    { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
}

// Rows in one relation but not the other, over `columns` (multiset).
async function differingRows(a, b, columns) {
  const cols = columns.map((c) => `"${c}"`).join(', ');
  const rows = await duckdbRows(`SELECT count(*) AS n FROM (
    (SELECT ${cols} FROM ${a} EXCEPT ALL SELECT ${cols} FROM ${b}) UNION ALL
    (SELECT ${cols} FROM ${b} EXCEPT ALL SELECT ${cols} FROM ${a}))`);
  return Number(rows[0].n);
}

// Compares every column both engines type alike; returns the others.
async function compareWithDuckdbCsv(csvRelation, parquetRelation) {
  const theirs = await duckdbTypes(csvRelation);
  const ours = await duckdbTypes(parquetRelation);
  const same = Object.keys(theirs).filter((c) => ours[c] === theirs[c]);
  const differ = Object.keys(theirs).filter((c) => ours[c] !== theirs[c])
    .map((c) => `${c}: duckdb ${theirs[c]}, strata ${ours[c]}`);
  assert.equal(await differingRows(csvRelation, parquetRelation, same), 0);
  return differ;
}

test('gzipped telemetry CSV into day partitions equals DuckDB\'s own parse', async () => {
  const csv = path.join(dir, 'telemetry.csv.gz');
  strata(['--quiet', 'generate', 'telemetry', '--rows', '200000', '--to',
    path.join(dir, 'telemetry.csv')]);
  execFileSync('gzip', ['-k', path.join(dir, 'telemetry.csv')]);
  const out = path.join(dir, 'by-day');
  const { stdout } = strata(['convert', csv, '--to', out, '--partition-by', 'day=date(ts)']);
  assert.match(stdout, /^input=.* rows=200000 rejected=0 files=\d+ /);
  const hive = `read_parquet('${out}/**/*.parquet', hive_partitioning = true)`;
  const differ = await compareWithDuckdbCsv(`read_csv('${csv}')`, hive);
  assert.deepEqual(differ, []);
  let rows = 0;
  for (const f of parquetFiles(out)) rows += pl.readParquet(f).height;
  assert.equal(rows, 200000);
});

test('awkward CSV values: quotes, newlines, nulls, unicode, numbers', async () => {
  const csv = path.join(dir, 'awkward.csv');
  const con = await duckdb();
  await con.run(`COPY (SELECT i, s, d, f, b, t FROM (VALUES
    (1, 'plain', DATE '2025-01-02', 1.5, true, TIMESTAMP '2025-01-02 03:04:05'),
    (2, 'comma, inside', DATE '1969-12-31', -0.25, false, TIMESTAMP '1970-01-01 00:00:00.5'),
    (3, 'quote "q" and
newline', NULL, 1e300, NULL, NULL),
    (4, NULL, DATE '2400-02-29', NULL, true, TIMESTAMP '2400-02-29 23:59:59.999999'),
    (5, 'ünï 🦆', DATE '0001-01-01', 0.0, false, TIMESTAMP '1900-03-01 12:00:00'))
    t(i, s, d, f, b, t)) TO '${csv}' (FORMAT csv, HEADER)`);
  const out = path.join(dir, 'awkward.parquet');
  strata(['--quiet', 'convert', csv, '--to', out]);
  const differ = await compareWithDuckdbCsv(`read_csv('${csv}')`, `'${out}'`);
  assert.deepEqual(differ, []);
  const df = pl.readParquet(out);
  assert.equal(df.height, 5);
  assert.equal(df.getColumn('s').get(2), 'quote "q" and\nnewline');
});

test('quarantined rows are the ones DuckDB rejects too', async () => {
  const csv = path.join(dir, 'bad.csv');
  execFileSync('sh', ['-c', `printf 'a,b\\n1,x\\n2,y\\nthree,z\\n4\\n5,w\\n' > ${csv}`]);
  const out = path.join(dir, 'bad');
  const { stdout } = strata(['convert', csv, '--to', out, '--sample', '2', '--on-error',
    'quarantine']);
  assert.match(stdout, / rows=3 rejected=2 /);
  const kept = await duckdbRows(`SELECT a, b FROM read_parquet('${out}/*.parquet') ORDER BY a`);
  assert.deepEqual(kept.map((r) => [Number(r.a), r.b]), [[1, 'x'], [2, 'y'], [5, 'w']]);
  const duck = await duckdbRows(`SELECT a, b FROM read_csv('${csv}', columns = {'a': 'BIGINT',
    'b': 'VARCHAR'}, header = true, ignore_errors = true) ORDER BY a`);
  assert.deepEqual(duck.map((r) => [Number(r.a), r.b]), [[1, 'x'], [2, 'y'], [5, 'w']]);
  const rejected = await duckdbRows(`SELECT line, "column", reason FROM
    read_csv('${out}/_rejected/bad.csv.rejected.csv') ORDER BY line`);
  assert.deepEqual(rejected.map((r) => [Number(r.line), r.column ?? '', r.reason]), [
    [4, 'a', "'three' is not a valid int64"],
    [5, '', 'expected 2 fields, found 1'],
  ]);
});

for (const dataset of ['sensors', 'query-perf']) {
  test(`${dataset} CSV converts to what DuckDB parses from it`, async () => {
    const csv = path.join(dir, `${dataset}.csv`);
    strata(['--quiet', 'generate', dataset, '--rows', '30000', '--seed', '3', '--out', csv]);
    const out = path.join(dir, `${dataset}-lake`);
    strata(['--quiet', 'convert', csv, '--to', out, '--target-file-size', '256KB']);
    const files = `read_parquet('${out}/*.parquet')`;
    const differ = await compareWithDuckdbCsv(`read_csv('${csv}')`, files);
    assert.deepEqual(differ, []);
  });
}
