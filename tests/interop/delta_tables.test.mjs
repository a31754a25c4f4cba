// Delta tables, checked against DuckDB reading the live data files of a
// snapshot: the add actions of the log (replayed here in JavaScript,
// independently of strata), each file with its partition values as
// columns. Neither DuckDB nor Polars can load a Delta extension offline, so
// the log replay is the peer's part that lives in this file.
//
// - tables Spark and delta-rs wrote (../shared/fixtures/delta), at every version;
// - tables strata writes: partitioned, appended, overwritten, time-travelled,
//   with escaped partition values and nulls; Polars reads every data file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { duckdb, duckdbRows, pl, strata, tempDir } from './lib/harness.mjs';

const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname),
  '../../../shared/fixtures/delta');
const dir = tempDir();

// The live files at `version` by replaying the JSON commits 0..version
// (every table used here still has all of them).
function liveFiles(table, version) {
  const live = new Map();
  let partitionColumns = [];
  for (let v = 0; v <= version; v++) {
    const name = path.join(table, '_delta_log', `${String(v).padStart(20, '0')}.json`);
    for (const line of fs.readFileSync(name, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const action = JSON.parse(line);
      if (action.metaData) partitionColumns = action.metaData.partitionColumns;
      if (action.add) live.set(action.add.path, action.add);
      if (action.remove) live.delete(action.remove.path);
    }
  }
  return { files: [...live.values()], partitionColumns };
}

function latestVersion(table) {
  return Math.max(...fs.readdirSync(path.join(table, '_delta_log'))
    .filter((n) => /^\d{20}\.json$/.test(n)).map((n) => Number(n.slice(0, 20))));
}

const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;

// DuckDB's rows of the snapshot: each live file read with read_parquet, its
// partition values cast to the type the column has in `typed` (a file with
// the table's schema, as strata exports it).
async function duckdbSnapshot(table, version, typed) {
  const { files, partitionColumns } = liveFiles(table, version);
  const types = Object.fromEntries((await duckdbRows(`DESCRIBE SELECT * FROM '${typed}'`))
    .map((r) => [r.column_name, r.column_type]));
  const columns = Object.keys(types).map((c) => `"${c}"`).join(', ');
  if (files.length === 0) return `(SELECT ${columns} FROM '${typed}' LIMIT 0)`;
  const parts = files.map((f) => {
    const file = path.join(table, decodeURIComponent(f.path));
    const values = partitionColumns.map((c) => {
      const v = f.partitionValues[c];
      return `CAST(${v === null || v === undefined || v === '' ? 'NULL' : sqlString(v)} AS ${types[c]}) AS "${c}"`;
    });
    const extra = values.length ? `, ${values.join(', ')}` : '';
    return `SELECT ${columns} FROM (SELECT *${extra} FROM read_parquet(${sqlString(file)}, hive_partitioning = false))`;
  });
  return `(${parts.join(' UNION ALL ')})`;
}

async function differing(a, b) {
  const rows = await duckdbRows(`SELECT count(*) AS n FROM (
    (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}) UNION ALL
    (SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a}))`);
  return Number(rows[0].n);
}

// strata's snapshot of `table` at `version`, exported to Parquet.
function exportSnapshot(table, version, name) {
  const out = path.join(dir, `${name}-v${version}.parquet`);
  strata(['--quiet', 'convert', table, '--version', String(version), '--to', out]);
  return out;
}

async function assertSnapshotMatches(table, version, name) {
  const exported = exportSnapshot(table, version, name);
  const peer = await duckdbSnapshot(table, version, exported);
  assert.equal(await differing(`'${exported}'`, peer), 0, `${name} version ${version}`);
  const count = await duckdbRows(`SELECT count(*) AS n FROM ${peer}`);
  return Number(count[0].n);
}

for (const name of ['simple_table', 'simple_table_with_checkpoint', 'delta-0.2.0',
  'delta-0.8.0-partitioned', 'delta-0.8.0-null-partition', 'table-without-dv-small',
  'checkpoint-v2-table']) {
  test(`${name}: every version holds the rows of its live files`, async () => {
    const table = path.join(FIXTURES, name);
    for (let v = 0; v <= latestVersion(table); v++) await assertSnapshotMatches(table, v, name);
  });
}

test('table-with-dv-small: the deletion vector removes rows 0 and 9 of its file', async () => {
  const table = path.join(FIXTURES, 'table-with-dv-small');
  const exported = exportSnapshot(table, 1, 'dv');
  const { files } = liveFiles(path.join(FIXTURES, 'table-with-dv-small'), 1);
  assert.equal(files.length, 1);
  assert.equal(files[0].deletionVector.cardinality, 2);
  const file = path.join(table, files[0].path);
  const want = await duckdbRows(`SELECT * EXCLUDE (file_row_number) FROM read_parquet(${sqlString(file)},
    file_row_number = true) WHERE file_row_number NOT IN (0, 9)`);
  const got = await duckdbRows(`SELECT * FROM '${exported}'`);
  assert.deepEqual(got, want);
  assert.equal(got.length, 8);
});

test('table_with_column_mapping: logical names over physical columns', async () => {
  const table = path.join(FIXTURES, 'table_with_column_mapping');
  const exported = exportSnapshot(table, 0, 'mapping');
  const { files } = liveFiles(table, 0);
  const parts = files.map((f) => {
    const [partition] = Object.values(f.partitionValues);
    return `SELECT ${sqlString(partition)} AS "Company Very Short", "col-3877fd94-0973-4941-ac6b-646849a1ff65" AS "Super Name"
      FROM read_parquet(${sqlString(path.join(table, decodeURIComponent(f.path)))})`;
  });
  assert.equal(await differing(`'${exported}'`, `(${parts.join(' UNION ALL ')})`), 0);
});

test('tables strata writes read back in DuckDB and Polars, version by version', async () => {
  const con = await duckdb();
  const a = path.join(dir, 'a.parquet');
  const b = path.join(dir, 'b.parquet');
  await con.run(`COPY (SELECT i, CASE i % 7 WHEN 0 THEN NULL WHEN 1 THEN 'a/b%c d=e' WHEN 2 THEN ''
      ELSE 'k' || (i % 3) END AS key, (i * 1.5)::DOUBLE AS x, TIMESTAMPTZ '2025-01-01 00:00:00+00' + to_seconds(i) AS ts,
      CAST(i / 8 AS DECIMAL(12, 2)) AS amount, {'p': i, 'q': 'v' || i} AS s
    FROM range(5000) t(i)) TO '${a}' (FORMAT parquet)`);
  await con.run(`COPY (SELECT i + 5000 AS i, 'k' || (i % 2) AS key, NULL::DOUBLE AS x,
      TIMESTAMPTZ '2025-02-01 00:00:00+00' AS ts, NULL::DECIMAL(12, 2) AS amount,
      {'p': i, 'q': NULL::VARCHAR} AS s FROM range(3000) t(i)) TO '${b}' (FORMAT parquet)`);
  await con.run(`COPY (SELECT 1 AS i, 'k' AS key, 1.5 AS x) TO '${path.join(dir, 'bad.parquet')}' (FORMAT parquet)`);
  const table = path.join(dir, 'written');
  strata(['--quiet', 'ingest', table, a, '--partition-by', 'key', '--target-file-size', '16KB']);
  strata(['--quiet', 'ingest', table, b]);
  strata(['--quiet', 'ingest', table, b, '--mode', 'overwrite']);
  const refused = strata(['ingest', table, a.replace('a.parquet', 'bad.parquet')], { expectCode: 1 });
  assert.match(refused.stderr, /bad\.parquet does not match the schema of .*written: column 'x': the input has decimal\(2,1\), the table float64/);
  strata(['--quiet', 'ingest', table, a]);
  assert.equal(await assertSnapshotMatches(table, 0, 'written'), 5000);
  assert.equal(await assertSnapshotMatches(table, 1, 'written'), 8000);
  assert.equal(await assertSnapshotMatches(table, 2, 'written'), 3000);
  assert.equal(await assertSnapshotMatches(table, 3, 'written'), 8000);
  // Version 3 holds exactly the rows of the two inputs; an empty partition
  // string reads as null, as the protocol says (and Spark writes it).
  const v3 = exportSnapshot(table, 3, 'written');
  const inputs = `(SELECT i, NULLIF(key, '') AS key, x, ts, amount, s FROM '${a}'
    UNION ALL SELECT i, key, x, ts, amount, s FROM '${b}')`;
  assert.equal(await differing(`(SELECT i, key, x, ts, amount, s FROM '${v3}')`, inputs), 0);
  // Polars reads every live data file.
  const { files } = liveFiles(table, 3);
  let rows = 0;
  for (const f of files) rows += pl.readParquet(path.join(table, decodeURIComponent(f.path))).height;
  assert.equal(rows, 8000);
});

test('a schema that differs is refused with the difference; merge-schema adds columns', async () => {
  const con = await duckdb();
  const base = path.join(dir, 'base.parquet');
  const wider = path.join(dir, 'wider.parquet');
  await con.run(`COPY (SELECT i, 'x' || i AS name FROM range(10) t(i)) TO '${base}' (FORMAT parquet)`);
  await con.run(`COPY (SELECT i, 'y' || i AS name, i * 2 AS extra FROM range(10, 20) t(i))
    TO '${wider}' (FORMAT parquet)`);
  const table = path.join(dir, 'evolving');
  strata(['--quiet', 'ingest', table, base]);
  const refused = strata(['ingest', table, wider], { expectCode: 1 });
  assert.match(refused.stderr, /does not match the schema of .*evolving: unexpected column 'extra' \(int64\)/);
  strata(['--quiet', 'ingest', table, wider, '--merge-schema']);
  const exported = exportSnapshot(table, 1, 'evolving');
  const got = await duckdbRows(`SELECT i, name, extra FROM '${exported}' ORDER BY i`);
  assert.equal(got.length, 20);
  assert.equal(got[0].extra, null);
  assert.equal(Number(got[19].extra), 38);
});

test('an incremental directory ingest takes each file once, whatever its name', async () => {
  const inbox = path.join(dir, 'inbox');
  fs.mkdirSync(path.join(inbox, 'day2'), { recursive: true });
  strata(['--quiet', 'generate', 'telemetry', '--rows', '300', '--seed', '1', '--to', path.join(inbox, 'day1.csv')]);
  strata(['--quiet', 'generate', 'telemetry', '--rows', '200', '--seed', '2', '--to', path.join(inbox, 'day2', 'a.csv')]);
  const table = path.join(dir, 'incremental');
  const first = strata(['ingest', table, inbox, '--incremental']);
  assert.match(first.stdout, /version=0 rows=500 /);
  const again = strata(['ingest', table, inbox, '--incremental']);
  assert.match(again.stdout, /no new inputs/);
  // A renamed copy is the same content; a new file is new.
  fs.copyFileSync(path.join(inbox, 'day1.csv'), path.join(inbox, 'day1-copy.csv'));
  strata(['--quiet', 'generate', 'telemetry', '--rows', '50', '--seed', '3', '--to', path.join(inbox, 'day3.csv')]);
  const third = strata(['ingest', table, inbox, '--incremental']);
  assert.match(third.stdout, /day1-copy\.csv skipped/);
  assert.match(third.stdout, /version=1 rows=50 /);
  const exported = exportSnapshot(table, 1, 'incremental');
  const inputs = `(SELECT * FROM read_csv('${inbox}/day1.csv') UNION ALL SELECT * FROM read_csv('${inbox}/day2/a.csv')
    UNION ALL SELECT * FROM read_csv('${inbox}/day3.csv'))`;
  const n = await duckdbRows(`SELECT count(*) AS n FROM '${exported}'`);
  assert.equal(Number(n[0].n), 550);
  assert.equal(await differing(`(SELECT reading_id, battery_id, voltage FROM '${exported}')`,
    `(SELECT reading_id, battery_id, voltage FROM ${inputs})`), 0);
});

test('--merge-schema widens a column as Delta type widening does; old files read widened', async () => {
  const con = await duckdb();
  const narrow = path.join(dir, 'narrow.parquet');
  const wide = path.join(dir, 'wide.parquet');
  await con.run(`COPY (SELECT i::INTEGER AS i, (i / 4)::DECIMAL(6, 2) AS amount, DATE '2025-01-01' + i::INTEGER AS day
    FROM range(5) t(i)) TO '${narrow}' (FORMAT parquet)`);
  await con.run(`COPY (SELECT (i * 10000000000)::BIGINT AS i, (i / 8)::DECIMAL(10, 3) AS amount,
    TIMESTAMP '2025-02-01 10:30:00' + to_hours(i::INTEGER) AS day FROM range(5, 8) t(i)) TO '${wide}' (FORMAT parquet)`);
  const table = path.join(dir, 'widening');
  strata(['--quiet', 'ingest', table, narrow]);
  const refused = strata(['ingest', table, wide], { expectCode: 1 });
  assert.match(refused.stderr, /column 'i': the input has int64, the table int32/);
  strata(['--quiet', 'ingest', table, wide, '--merge-schema']);
  const commit = fs.readFileSync(path.join(table, '_delta_log', `${'1'.padStart(20, '0')}.json`), 'utf8')
    .split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const protocol = commit.find((a) => a.protocol).protocol;
  assert.ok(protocol.readerFeatures.includes('typeWidening'));
  const fields = JSON.parse(commit.find((a) => a.metaData).metaData.schemaString).fields;
  assert.deepEqual(fields.map((f) => [f.name, f.type, f.metadata['delta.typeChanges']]), [
    ['i', 'long', [{ fromType: 'integer', toType: 'long' }]],
    ['amount', 'decimal(10,3)', [{ fromType: 'decimal(6,2)', toType: 'decimal(10,3)' }]],
    ['day', 'timestamp_ntz', [{ fromType: 'date', toType: 'timestamp_ntz' }]],
  ]);
  const exported = exportSnapshot(table, 1, 'widening');
  const want = await duckdbRows(`SELECT i::BIGINT AS i, amount::DECIMAL(10, 3) AS amount, day::TIMESTAMP AS day
    FROM '${narrow}' UNION ALL SELECT * FROM '${wide}' ORDER BY i`);
  assert.deepEqual(await duckdbRows(`SELECT * FROM '${exported}' ORDER BY i`), want);
});

test('after checkpoints, optimize and vacuum the live files still hold every row', async () => {
  const table = path.join(dir, 'maintained');
  const parts = [];
  for (let i = 0; i < 12; i++) {
    const input = path.join(dir, `part${i}.csv`);
    strata(['--quiet', 'generate', 'telemetry', '--rows', '400', '--seed', String(i + 10), '--to', input]);
    strata(['--quiet', 'ingest', table, input, '--partition-by', 'site']);
    parts.push(input);
  }
  assert.ok(fs.existsSync(path.join(table, '_delta_log', `${'10'.padStart(20, '0')}.checkpoint.parquet`)));
  const before = exportSnapshot(table, 11, 'maintained');
  const optimized = strata(['optimize', table]);
  assert.match(optimized.stdout, /version=12 .*files_added=\d+ rows=4800/);
  const vacuumed = strata(['vacuum', table, '--retain', '0h', '--force']);
  assert.match(vacuumed.stdout, /deleted \d+ files/);
  // Version 12 is whole; version 11's files are gone, as vacuum promises.
  assert.equal(await assertSnapshotMatches(table, 12, 'maintained'), 4800);
  const after = exportSnapshot(table, 12, 'maintained');
  assert.equal(await differing(`'${before}'`, `'${after}'`), 0);
  const inputs = parts.map((p) => `SELECT reading_id, battery_id, voltage FROM read_csv('${p}')`).join(' UNION ALL ');
  assert.equal(await differing(`(SELECT reading_id, battery_id, voltage FROM '${after}')`, `(${inputs})`), 0);
  const { files } = liveFiles(table, 12);
  for (const f of files) assert.ok(fs.existsSync(path.join(table, decodeURIComponent(f.path))), f.path);
});
