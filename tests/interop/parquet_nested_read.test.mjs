// strata reads nested Parquet (structs, lists, maps) that other writers
// produce: the shared fixtures (parquet-mr, Spark, Arrow, delta-rs
// checkpoints), files DuckDB writes for every nesting case, and files
// Polars writes. strata's JSON rows must equal the writer's own reading of
// the file, value by value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { duckdbRows, pl, strata, tempDir } from './lib/harness.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../shared/fixtures');
const dir = tempDir();

// One spelling for what the engines print differently: timestamps with a
// 'T', maps as objects keyed by the key's text, Dates as ISO strings.
function canonical(v) {
  if (v instanceof Date) return v.toISOString().replace(/\.000Z$/, '').replace(/Z$/, '');
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\d \d\d:\d\d/.test(v)) return v.replace(' ', 'T');
  if (Array.isArray(v)) {
    const isMap = v.length > 0 && v.every((e) => e && typeof e === 'object' && !Array.isArray(e) &&
      Object.keys(e).length === 2 && 'key' in e && 'value' in e);
    if (isMap) return Object.fromEntries(v.map((e) => [String(canonical(e.key)), canonical(e.value)]));
    return v.map(canonical);
  }
  if (v && typeof v === 'object') {
    // An empty map prints as [] or {}: one spelling.
    if (Object.keys(v).length === 0) return [];
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, canonical(x)]));
  }
  return v;
}

function strataRows(file) {
  const { stdout } = strata(['cat', '--format', 'jsonl', file]);
  return stdout.split('\n').filter(Boolean).map((line) => canonical(JSON.parse(line)));
}

async function duckdbJson(file) {
  const rows = await duckdbRows(
    `SELECT to_json(t)::VARCHAR AS j FROM read_parquet('${file}', hive_partitioning = false) t`);
  return rows.map((r) => canonical(JSON.parse(r.j)));
}

function nestedFixtures() {
  const out = execFileSync('find', [ROOT, '-name', '*.parquet'], { encoding: 'utf8' });
  const nested = /checkpoint|_sidecars|nested_|nulls\.snappy|old_list_structure|datapage_v2/;
  return out.trim().split('\n').filter((f) => nested.test(f)).sort();
}

test('nested fixtures exist', () => {
  assert.ok(nestedFixtures().length >= 10, `only ${nestedFixtures().length} nested fixtures`);
});

for (const file of nestedFixtures()) {
  test(`fixture ${path.relative(ROOT, file)}`, async () => {
    assert.deepEqual(strataRows(file), await duckdbJson(file));
  });
}

// Every case of the nested-Parquet issue that DuckDB can express.
const DUCKDB_CASES = {
  struct_of_lists: `{'a': [1, 2, NULL], 'b': ['x'], 'c': []}`,
  list_of_structs: `[{'k': 1, 's': 'one'}, NULL, {'k': NULL, 's': NULL}]`,
  list_of_lists: `[[1, 2], [], NULL, [NULL]]`,
  map_of_lists: `MAP {'a': [1, 2], 'b': [], 'c': NULL}`,
  empty_null_and_nulls: `CASE i % 4 WHEN 0 THEN []::INT[] WHEN 1 THEN NULL WHEN 2 THEN [NULL, NULL]::INT[] ELSE [i] END`,
  null_struct_vs_struct_of_nulls: `CASE WHEN i % 2 = 0 THEN NULL ELSE {'x': NULL::INT, 'y': NULL::VARCHAR} END`,
  deep: `[{'l2': [{'l3': [[{'l5': [i, NULL]}]]}]}]`,
};

test('DuckDB-written nesting cases', async () => {
  const file = path.join(dir, 'duckdb_nested.parquet');
  const columns = Object.entries(DUCKDB_CASES).map(([name, sql]) => `${sql} AS ${name}`).join(', ');
  await duckdbRows(`COPY (SELECT i, ${columns} FROM range(200) t(i))
    TO '${file}' (FORMAT parquet, COMPRESSION zstd)`);
  const ours = strataRows(file);
  assert.equal(ours.length, 200);
  assert.deepEqual(ours, await duckdbJson(file));
});

test('DuckDB-written long lists span several pages and row groups', async () => {
  const file = path.join(dir, 'duckdb_long.parquet');
  await duckdbRows(`COPY (SELECT i, list_transform(range(i % 300), x -> CASE WHEN x % 7 = 0
      THEN NULL ELSE x * i END) AS l, [{'s': i::VARCHAR || '-' || j} FOR j IN range(i % 5)] AS ls
    FROM range(30000) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 10000)`);
  const ours = strataRows(file);
  assert.equal(ours.length, 30000);
  assert.deepEqual(ours, await duckdbJson(file));
});

test('Polars-written nested columns', async () => {
  const file = path.join(dir, 'polars_nested.parquet');
  // nodejs-polars builds nested columns from JSON, not from JS arrays.
  const records = [
    { id: 1, tags: ['a', 'b'], point: { x: 1.5, y: -2 }, matrix: [[1, 2], [3]],
      events: [{ at: 1, what: 'start' }] },
    { id: 2, tags: [], point: null, matrix: [[]], events: [] },
    { id: 3, tags: null, point: { x: null, y: 3 }, matrix: null, events: null },
    { id: 4, tags: ['c', null], point: { x: 0, y: 0 }, matrix: [null, [4]],
      events: [{ at: 2, what: null }, { at: 3, what: 'end' }] },
  ];
  const lines = records.map((r) => JSON.stringify(r)).join('\n');
  pl.readJSON(Buffer.from(lines), { format: 'lines' }).writeParquet(file);
  const theirs = pl.readParquet(file).toRecords().map(canonical);
  assert.deepEqual(strataRows(file), theirs);
});

test('--columns a.b reads a nested leaf as a pruned struct', async () => {
  const file = path.join(dir, 'duckdb_projection.parquet');
  await duckdbRows(`COPY (SELECT i, {'a': i, 'b': {'c': i::VARCHAR, 'd': [i, i + 1]}} AS s,
      CASE WHEN i % 3 = 0 THEN NULL ELSE [{'x': i, 'y': 'y' || i}] END AS l
    FROM range(50) t(i)) TO '${file}' (FORMAT parquet)`);
  const full = await duckdbJson(file);
  const { stdout } = strata(['cat', '--format', 'jsonl', '--columns', 's.b.c', 'l.y', '--', file]);
  const ours = stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const expected = full.map((r) => ({
    s: r.s === null ? null : { b: r.s.b === null ? null : { c: r.s.b.c } },
    l: r.l === null ? null : r.l.map((e) => (e === null ? null : { y: e.y })),
  }));
  assert.deepEqual(ours, expected);
  const { stdout: types } = strata(['--json', 'schema', file]);
  assert.equal(JSON.parse(types).columns[1].leaves.length, 3);
});

test('--where on struct members selects the rows DuckDB selects', async () => {
  const file = path.join(dir, 'duckdb_struct_where.parquet');
  await duckdbRows(`COPY (SELECT i, CASE WHEN i % 13 = 0 THEN NULL ELSE
      {'a': CASE WHEN i % 7 = 0 THEN NULL ELSE i END, 'b': {'c': (i % 10)::VARCHAR}} END AS s
    FROM range(20000) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`);
  for (const where of ['s.a > 19000', "s.b.c = '7' AND i < 100", 's.a IS NULL', 's.b.c IS NOT NULL AND s.a <= 3']) {
    const { stdout } = strata(['cat', '--format', 'csv', '--columns', 'i', '--where', where, '--', file]);
    const ours = stdout.trim().split('\n').slice(1).filter(Boolean).map(Number);
    const theirs = (await duckdbRows(`SELECT i FROM '${file}' WHERE ${where} ORDER BY i`))
      .map((r) => Number(r.i));
    assert.deepEqual(ours, theirs, where);
  }
});
