// strata's CSV and JSONL writers, read back by DuckDB and Polars: every
// awkward value of `strata generate edge-cases` must come back exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { assertSameRows, duckdbRows, pl, strata, tempDir } from './lib/harness.mjs';

const U1 = '123e4567-e89b-12d3-a456-426614174000';
const U0 = '00000000-0000-0000-0000-000000000000';
const UF = 'ffffffff-ffff-ffff-ffff-ffffffffffff';
const I64_MIN = -9223372036854775808n;
const I64_MAX = 9223372036854775807n;

// The edge-cases dataset, written out independently of strata's source:
// [text, i64, f64, flag, day, ts (epoch microseconds), amount, uid].
const EXPECTED = [
  ['plain', 0n, 0, true, '1970-01-01', 0n, '0.0000', U1],
  ['', -1n, -0, false, '1969-12-31', -1n, '-1.2345', U0],
  [null, I64_MIN, 1.5, null, '9999-12-31', 253402300799999999n, '99999999999999.9999', UF],
  ['comma, inside', I64_MAX, -2.25, true, '0001-01-01', -62135596800000000n,
    '-99999999999999.9999', null],
  ['quote " inside ""', null, 1e308, false, '2024-02-29', 1709164800123456n, '0.0001', U1],
  ['line\nbreak', 42n, 5e-324, true, null, null, null, U1],
  ['crlf\r\nbreak', 7n, null, false, '2000-02-29', 951782400000000n, '12.5000', UF],
  ['  padded  ', -42n, Infinity, true, '1970-01-02', 1n, '-0.0001', U1],
  ['unicode: héllo wörld 漢字 🚀', 1000000n, -Infinity, false, '1970-01-03', 2n, '1.0000', UF],
  ['tab\tinside', 9007199254740993n, 3.141592653589793, true, '1970-01-04', 3n, '3.1416', U1],
  ['NULL', -9007199254740993n, NaN, false, '1970-01-05', 4n, '2.7183', UF],
  ['\\N', 123456789012345678n, 2.5e-10, true, '1970-01-06', 5n, '-5.5000', U1],
].map(([text, i64, f64, flag, day, ts, amount, uid], i) =>
  ({ id: BigInt(i + 1), text, i64, f64, flag, day, ts, amount, uid }));

const TYPES = "{'id': 'BIGINT', 'text': 'VARCHAR', 'i64': 'BIGINT', 'f64': 'DOUBLE', " +
  "'flag': 'BOOLEAN', 'day': 'DATE', 'ts': 'TIMESTAMPTZ', 'amount': 'DECIMAL(18,4)', 'uid': 'UUID'}";

// Exact forms for comparison: microseconds for timestamps, text for dates,
// decimals and UUIDs (JS numbers and Dates would round them).
function comparable(relation) {
  return `SELECT id, text, i64, f64, flag, day::VARCHAR AS day, epoch_us(ts) AS ts,
            amount::VARCHAR AS amount, uid::VARCHAR AS uid FROM ${relation} ORDER BY id`;
}

const dir = tempDir();
const csv = path.join(dir, 'edge.csv');
const jsonl = path.join(dir, 'edge.jsonl');
strata(['--quiet', 'generate', 'edge-cases', '--to', csv]);
strata(['--quiet', 'generate', 'edge-cases', '--to', jsonl]);

test('DuckDB reads strata CSV with every value intact', async () => {
  // Quoted empty strings are values, not nulls, as strata writes them.
  const rows = await duckdbRows(comparable(
    `read_csv('${csv}', header = true, allow_quoted_nulls = false, columns = ${TYPES})`));
  assertSameRows(rows, EXPECTED, 'duckdb csv');
});

test('DuckDB sniffs strata CSV types without help', async () => {
  const rows = await duckdbRows(`DESCRIBE SELECT * FROM read_csv('${csv}')`);
  const types = Object.fromEntries(rows.map((r) => [r.column_name, r.column_type]));
  assert.equal(types.i64, 'BIGINT');
  assert.equal(types.f64, 'DOUBLE');
  assert.equal(types.flag, 'BOOLEAN');
  assert.equal(types.day, 'DATE');
  assert.equal(types.ts, 'TIMESTAMP WITH TIME ZONE');
});

test('DuckDB reads strata JSONL; non-finite doubles become null', async () => {
  // DuckDB parses JSON numbers as doubles, so decimals are compared as such.
  const types = TYPES.replace("'DECIMAL(18,4)'", "'DOUBLE'");
  const rows = await duckdbRows(comparable(`read_json('${jsonl}', columns = ${types})`)
    .replace('amount::VARCHAR', 'amount'));
  const expected = EXPECTED.map((r) => ({
    ...r,
    f64: Number.isFinite(r.f64) ? r.f64 : null,
    amount: r.amount === null ? null : Number(r.amount),
  }));
  assertSameRows(rows, expected, 'duckdb jsonl');
});

test('Polars reads strata CSV strings, integers and floats', () => {
  // Polars' type inference does not take inf/nan as floats: name the types.
  const df = pl.readCSV(csv, { dtypes: { i64: pl.Int64, f64: pl.Float64 } });
  // Int64 leaves Polars as a JS number; compare its exact text instead.
  const got = df.select('id', 'text', pl.col('i64').cast(pl.Utf8), 'f64').toRecords();
  // Polars reads the empty unquoted field as null and "" as an empty string.
  const expected = EXPECTED.map(({ id, text, i64, f64 }) =>
    ({ id, text, i64: i64 === null ? null : String(i64), f64 }));
  assertSameRows(got, expected, 'polars csv');
});

test('Polars reads strata JSONL', () => {
  const df = pl.readJSON(fs.readFileSync(jsonl), { format: 'lines' });
  const got = df.select('id', 'text', 'flag').toRecords();
  const expected = EXPECTED.map(({ id, text, flag }) => ({ id, text, flag }));
  assertSameRows(got, expected, 'polars jsonl');
});
