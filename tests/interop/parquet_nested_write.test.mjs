// strata's nested Parquet (struct, list, map columns as Dremel levels) proven
// by the real engines: DuckDB writes each nested case, `strata convert`
// rewrites it (strata's reader assembles the rows, its writer shreds them
// again), and DuckDB and Polars read strata's file back equal to DuckDB's
// own, value by value: both EXCEPT ALL directions empty, same types, and
// Polars' frames and records equal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { duckdb, duckdbRows, pl, strata, tempDir } from './lib/harness.mjs';

const dir = tempDir();

// Each case: the SELECT DuckDB writes, and whether nodejs-polars can turn
// its rows into JS records (it cannot for decimals, nor for structs inside
// maps inside lists); frames are compared either way.
const CASES = {
  struct_of_lists: {
    sql: `SELECT id, c::STRUCT(a INTEGER[], b INTEGER, s VARCHAR[]) AS c FROM (VALUES
      (0, {'a': [1, 2], 'b': 3, 's': ['x', NULL]}),
      (1, {'a': [], 'b': NULL, 's': []}),
      (2, {'a': NULL, 'b': 4, 's': NULL}),
      (3, NULL),
      (4, {'a': [NULL, 5], 'b': NULL, 's': ['']})) t(id, c)`,
  },
  list_of_structs: {
    sql: `SELECT id, c::STRUCT(x BIGINT, y VARCHAR)[] AS c FROM (VALUES
      (0, [{'x': 1, 'y': 'a'}, {'x': 2, 'y': NULL}]),
      (1, [NULL, {'x': NULL, 'y': 'b'}]),
      (2, []),
      (3, NULL),
      (4, [{'x': NULL, 'y': NULL}])) t(id, c)`,
  },
  list_of_lists: {
    sql: `SELECT id, c::BIGINT[][] AS c, d::VARCHAR[][][] AS d FROM (VALUES
      (0, [[1, 2], [3]], [[['a'], []], NULL]),
      (1, [[], NULL, [NULL, 4]], [[NULL, ['b', NULL]]]),
      (2, [[]], []),
      (3, [], NULL),
      (4, NULL, [[[]]]),
      (5, [[5]], [[['c', 'd', 'e']]])) t(id, c, d)`,
  },
  map_of_lists: {
    sql: `SELECT id, c::MAP(VARCHAR, INTEGER[]) AS c FROM (VALUES
      (0, MAP {'a': [1, 2], 'b': []}),
      (1, MAP {'c': NULL}),
      (2, MAP {}),
      (3, NULL),
      (4, MAP {'d': [NULL], 'e': [6, NULL, 7]})) t(id, c)`,
  },
  empty_null_and_null_element_lists: {
    sql: `SELECT id, c::INTEGER[] AS c, s::VARCHAR[] AS s FROM (VALUES
      (0, [], []),
      (1, NULL, NULL),
      (2, [NULL], [NULL]),
      (3, [NULL, NULL], [NULL, '']),
      (4, [7], ['x'])) t(id, c, s)`,
  },
  null_structs_and_structs_of_nulls: {
    sql: `SELECT id, c::STRUCT(x INTEGER, y STRUCT(z INTEGER)) AS c FROM (VALUES
      (0, NULL),
      (1, {'x': NULL, 'y': NULL}),
      (2, {'x': 1, 'y': {'z': NULL}}),
      (3, {'x': 2, 'y': {'z': 3}})) t(id, c)`,
  },
  five_levels_deep: {
    records: false,
    sql: `SELECT id, c::STRUCT(maps MAP(VARCHAR, STRUCT(v INTEGER[]))[])[] AS c FROM (VALUES
      (0, [{'maps': [MAP {'k': {'v': [1, 2]}}]}]),
      (1, [{'maps': [MAP {'k': {'v': []}, 'j': NULL}, MAP {}]}, NULL]),
      (2, []),
      (3, NULL),
      (4, [{'maps': NULL}, {'maps': [NULL, MAP {'x': {'v': [NULL, 3]}}]}])) t(id, c)`,
  },
  typed_elements: {
    records: false,  // "Decimal is not supported" in toRecords.
    sql: `SELECT id, d::DATE[] AS d, m::DECIMAL(9,2)[] AS m, w::DECIMAL(38,10)[] AS w,
        ts::TIMESTAMP[] AS ts, b::BOOLEAN[] AS b, f::DOUBLE[] AS f, i::SMALLINT[] AS i
      FROM (VALUES
      (0, [DATE '2024-02-29', NULL], [1.25, -3.5], [12345678901234567890.0123456789], [TIMESTAMP '2024-01-01 12:34:56.789'], [true, NULL, false], [1.5, -0.0, 'NaN'::DOUBLE], [-32768, 32767]),
      (1, NULL, [], [NULL], [], NULL, [NULL], [NULL, 0]),
      (2, [DATE '1970-01-01'], NULL, [-1.5], NULL, [false], [], NULL)) t(id, d, m, w, ts, b, f, i)`,
  },
};

// Many rows of every shape, for pages, row groups, encodings and codecs.
const LONG_SQL = `SELECT i AS id,
    CASE WHEN i % 97 = 0 THEN NULL ELSE list_transform(range(i % 50),
      x -> CASE WHEN x % 7 = 3 THEN NULL ELSE i * 1000 + x END) END AS nums,
    CASE WHEN i % 11 = 0 THEN NULL ELSE list_transform(range(i % 5),
      x -> CASE WHEN (i + x) % 9 = 0 THEN NULL ELSE 'tag' || ((i + x) % 13) END) END AS tags,
    CASE WHEN i % 17 = 0 THEN NULL ELSE {'x': CASE WHEN i % 3 = 0 THEN NULL ELSE i / 2 END,
      'y': list_transform(range(i % 3), x -> x + i)} END AS point,
    CASE WHEN i % 19 = 0 THEN NULL ELSE map_from_entries(list_transform(range(i % 4),
      x -> {'k': 'k' || x, 'v': CASE WHEN x = 2 THEN NULL ELSE i + x END})) END AS attrs
  FROM range(50000) r(i)`;

const LONG_OPTIONS = {
  'default': [],
  'small pages, several row groups': ['--page-size', '4KB', '--row-group-rows', '20000'],
  'page v2, snappy': ['--data-page-version', '2', '--page-size', '8KB', '--compression', 'snappy'],
  'plain, gzip': ['--encoding', 'plain', '--compression', 'gzip', '--page-size', '16KB'],
  'dictionary, lz4': ['--encoding', 'dictionary', '--compression', 'lz4', '--page-size', '4KB'],
  'delta encodings, brotli, v2': ['--encoding', 'nums=delta_binary_packed',
    '--encoding', 'tags=delta_byte_array', '--encoding', 'attrs.key_value.key=delta_length_byte_array',
    '--encoding', 'point=plain', '--compression', 'brotli', '--data-page-version', '2'],
  // DuckDB reads BYTE_STREAM_SPLIT only for FLOAT and DOUBLE: the leaf path
  // picks point.x alone (point.y holds BIGINT elements).
  'byte stream split, uncompressed': ['--encoding', 'point.x=byte_stream_split',
    '--compression', 'uncompressed', '--page-size', '4KB'],
  'bloom filters': ['--bloom-filter', 'tags', '--bloom-filter', 'attrs.key_value.key'],
};

async function writeWithDuckdb(name, sql) {
  const file = path.join(dir, `${name}.duckdb.parquet`);
  const con = await duckdb();
  await con.run(`COPY (${sql}) TO '${file}' (FORMAT parquet)`);
  return file;
}

function convert(source, name, options = []) {
  const out = path.join(dir, `${name}.strata.parquet`);
  strata(['--quiet', 'convert', source, '--to', out, ...options]);
  return out;
}

async function assertDuckdbSame(out, source, what) {
  const types = async (f) => (await duckdbRows(`DESCRIBE SELECT * FROM read_parquet('${f}')`))
    .map((r) => [r.column_name, r.column_type]);
  assert.deepEqual(await types(out), await types(source), `${what}: DuckDB types`);
  const count = async (sql) => Number((await duckdbRows(`SELECT count(*) AS n FROM (${sql})`))[0].n);
  const a = `SELECT * FROM read_parquet('${out}')`;
  const b = `SELECT * FROM read_parquet('${source}')`;
  assert.equal(await count(a), await count(b), `${what}: row count`);
  assert.equal(await count(`${a} EXCEPT ALL ${b}`), 0, `${what}: rows only strata's file has`);
  assert.equal(await count(`${b} EXCEPT ALL ${a}`), 0, `${what}: rows only DuckDB's file has`);
}

function assertPolarsSame(out, source, what, records = true) {
  const a = pl.readParquet(out);
  const b = pl.readParquet(source);
  assert.deepEqual(a.dtypes.map(String), b.dtypes.map(String), `${what}: Polars dtypes`);
  assert.equal(a.height, b.height, `${what}: Polars row count`);
  assert.ok(a.frameEqual(b, true), `${what}: Polars frames differ`);
  if (records) assert.deepEqual(a.toRecords(), b.toRecords(), `${what}: Polars records`);
}

for (const [name, { sql, records = true }] of Object.entries(CASES)) {
  test(`nested case ${name}: DuckDB and Polars read strata's file as DuckDB's`, async () => {
    const source = await writeWithDuckdb(name, sql);
    for (const version of ['1', '2']) {
      const out = convert(source, `${name}-v${version}`, ['--data-page-version', version]);
      await assertDuckdbSame(out, source, `${name} v${version}`);
      assertPolarsSame(out, source, `${name} v${version}`, records);
    }
  });
}

test('nested case values are what DuckDB wrote, row by row', async () => {
  // Spot checks beside the EXCEPT ALL comparisons: the distinctions that
  // levels encode (null vs empty vs list of nulls, null struct vs struct of
  // nulls) read back exactly.
  const source = await writeWithDuckdb('spot', CASES.empty_null_and_null_element_lists.sql);
  const out = convert(source, 'spot');
  const rows = await duckdbRows(`SELECT id, c, c IS NULL AS c_null, len(c) AS n
    FROM read_parquet('${out}') ORDER BY id`);
  assert.deepEqual(rows.map((r) => [r.id, r.c, r.c_null, r.n === null ? null : Number(r.n)]), [
    [0, [], false, 0], [1, null, true, null], [2, [null], false, 1], [3, [null, null], false, 2],
    [4, [7], false, 1]]);
  const structs = await writeWithDuckdb('spot2', CASES.null_structs_and_structs_of_nulls.sql);
  const out2 = convert(structs, 'spot2');
  const got = await duckdbRows(`SELECT id, c IS NULL AS c_null, c.y IS NULL AS y_null, c.y.z AS z
    FROM read_parquet('${out2}') ORDER BY id`);
  assert.deepEqual(got.map((r) => [r.id, r.c_null, r.y_null, r.z]), [
    [0, true, true, null], [1, false, true, null], [2, false, false, null], [3, false, false, 3]]);
});

test('a long nested table round-trips under every page, encoding and codec option', async () => {
  const source = await writeWithDuckdb('long', LONG_SQL);
  for (const [what, options] of Object.entries(LONG_OPTIONS)) {
    const out = convert(source, `long-${what.replace(/[^a-z0-9]+/g, '_')}`, options);
    await assertDuckdbSame(out, source, `long: ${what}`);
    assertPolarsSame(out, source, `long: ${what}`);
  }
});

test('nested columns keep several row groups and a page index DuckDB accepts', async () => {
  const source = await writeWithDuckdb('long_rg', LONG_SQL);
  const out = convert(source, 'long_rg', ['--row-group-rows', '12000', '--page-size', '4KB']);
  const groups = await duckdbRows(`SELECT DISTINCT row_group_id, row_group_num_rows
    FROM parquet_metadata('${out}') ORDER BY row_group_id`);
  assert.deepEqual(groups.map((g) => Number(g.row_group_num_rows)), [12000, 12000, 12000, 12000,
    2000]);
  // Leaves are named by their full path; the levels DuckDB derives from the
  // schema match the nesting.
  const leaves = await duckdbRows(`SELECT DISTINCT path_in_schema FROM parquet_metadata('${out}')
    ORDER BY path_in_schema`);
  assert.deepEqual(leaves.map((l) => l.path_in_schema), ['attrs, key_value, key',
    'attrs, key_value, value', 'id', 'nums, list, element', 'point, x', 'point, y, list, element',
    'tags, list, element']);
  // Filters over nested values read through page boundaries exactly.
  const q = (f) => `SELECT id, list_sum(nums) AS s, len(tags) AS t, point.x AS x,
    cardinality(attrs) AS a FROM read_parquet('${f}') WHERE id % 1013 = 7 ORDER BY id`;
  const json = (rows) => JSON.stringify(rows, (k, v) => (typeof v === 'bigint' ? String(v) : v));
  assert.equal(json(await duckdbRows(q(out))), json(await duckdbRows(q(source))));
});
