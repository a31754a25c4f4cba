// Files written by DuckDB and Polars, with every option they offer, read by
// strata: `strata convert` must round-trip each so that DuckDB sees the same
// rows and types in the input and the output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { duckdb, duckdbRows, pl, strata, tempDir } from './lib/harness.mjs';

const dir = tempDir();

// Every scalar type DuckDB maps to Parquet, with nulls and edge values.
const TABLE_SQL = `
  SELECT
    (i % 256 - 128)::TINYINT AS i8, (i * 300 % 65536 - 32768)::SMALLINT AS i16, (i * 70000)::INTEGER AS i32,
    (i * 5000000000)::BIGINT AS i64,
    (i % 200)::UTINYINT AS u8, (i * 300 % 60000)::USMALLINT AS u16,
    (i * 70000 % 4000000000)::UINTEGER AS u32, (i * 5000000000)::UBIGINT AS u64,
    (i / 7)::FLOAT AS f32, CASE WHEN i % 50 = 0 THEN 'nan'::DOUBLE
      WHEN i % 51 = 0 THEN '-inf'::DOUBLE ELSE i / 3 END AS f64,
    (i / 100)::DECIMAL(4, 2) AS d4, (i * 1.5)::DECIMAL(18, 3) AS d18,
    (i * 123456789.123)::DECIMAL(38, 6) AS d38,
    CASE WHEN i % 9 = 0 THEN NULL ELSE 'row ' || i || repeat('x', i % 30) END AS s,
    ('\\x00\\xff' || i)::BLOB AS b,
    DATE '2020-01-01' + INTERVAL (i) DAY AS d,
    TIME '00:00:00' + INTERVAL (i) SECOND AS t,
    TIMESTAMP '2024-02-29 12:00:00' + INTERVAL (i * 37) SECOND AS ts,
    (TIMESTAMP '2024-02-29 12:00:00' + INTERVAL (i) MINUTE)::TIMESTAMPTZ AS tstz,
    (TIMESTAMP '1969-12-31 23:59:59' + INTERVAL (i) MILLISECOND)::TIMESTAMP_MS AS ts_ms,
    (TIMESTAMP '2000-01-01 00:00:00')::TIMESTAMP_NS + INTERVAL (i) MICROSECOND AS ts_ns,
    CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END AS flag,
    ('00000000-0000-4000-8000-' || lpad(i::VARCHAR, 12, '0'))::UUID AS id
  FROM range(0, 3000) r(i)`;

async function sameRows(a, b) {
  const rows = await duckdbRows(`SELECT count(*) AS n FROM (
    (SELECT * FROM '${a}' EXCEPT ALL SELECT * FROM '${b}') UNION ALL
    (SELECT * FROM '${b}' EXCEPT ALL SELECT * FROM '${a}'))`);
  assert.equal(Number(rows[0].n), 0, `rows differ between ${a} and ${b}`);
  const count = await duckdbRows(`SELECT count(*) AS n FROM '${b}'`);
  return Number(count[0].n);
}

async function sameTypes(a, b) {
  const ta = await duckdbRows(`DESCRIBE SELECT * FROM '${a}'`);
  const tb = await duckdbRows(`DESCRIBE SELECT * FROM '${b}'`);
  assert.deepEqual(tb.map((r) => [r.column_name, r.column_type]),
    ta.map((r) => [r.column_name, r.column_type]));
}

const con = await duckdb();
await con.run(`CREATE TABLE t AS ${TABLE_SQL}`);

const DUCKDB_CODECS = ['uncompressed', 'snappy', 'gzip', 'zstd', 'lz4', 'brotli'];
for (const codec of DUCKDB_CODECS) {
  for (const version of ['V1', 'V2']) {
    test(`strata reads DuckDB's ${codec} ${version} files and round-trips them`, async () => {
      for (const rowGroup of [1000, 122880]) {
        const input = path.join(dir, `duckdb-${codec}-${version}-${rowGroup}.parquet`);
        await con.run(`COPY t TO '${input}' (FORMAT parquet, COMPRESSION ${codec},
          ROW_GROUP_SIZE ${rowGroup}, PARQUET_VERSION ${version})`);
        const output = path.join(dir, `strata-${codec}-${version}-${rowGroup}.parquet`);
        strata(['--quiet', 'convert', input, '--to', output]);
        assert.equal(await sameRows(input, output), 3000);
        await sameTypes(input, output);
      }
    });
  }
}

test('strata cat prints DuckDB values', async () => {
  const input = path.join(dir, 'duckdb-cat.parquet');
  await con.run(`COPY (SELECT i64, s, d, f64 FROM t WHERE i64 < 25000000000 ORDER BY i64)
    TO '${input}' (FORMAT parquet)`);
  const { stdout } = strata(['cat', input, '--format', 'csv']);
  assert.equal(stdout.split('\n')[0], 'i64,s,d,f64');
  assert.equal(stdout.split('\n')[2], '5000000000,row 1x,2020-01-02 00:00:00,0.3333333333333333');
});

const POLARS_CODECS = ['uncompressed', 'snappy', 'gzip', 'lz4', 'zstd', 'brotli'];
for (const codec of POLARS_CODECS) {
  test(`strata reads Polars' ${codec} files and round-trips them`, async () => {
    const source = path.join(dir, 'polars-source.parquet');
    await con.run(`COPY (SELECT i64, u32, f64, d18, s, d, ts, flag FROM t)
      TO '${source}' (FORMAT parquet)`);
    const df = pl.readParquet(source);
    for (const statistics of [true, false]) {
      const input = path.join(dir, `polars-${codec}-${statistics}.parquet`);
      df.writeParquet(input, { compression: codec, statistics });
      const output = path.join(dir, `strata-polars-${codec}-${statistics}.parquet`);
      strata(['--quiet', 'convert', input, '--to', output]);
      assert.equal(await sameRows(input, output), 3000);
      await sameTypes(input, output);
    }
  });
}
