// strata's CSV and JSONL writers, read back by DuckDB and Polars: every
// awkward value of `strata generate edge-cases` must come back exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { assertSameRows, duckdbRows, pl, strata, tempDir } from './lib/harness.mjs';
import { EXPECTED_EDGE_CASES } from './lib/edge_cases.mjs';

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
  assertSameRows(rows, EXPECTED_EDGE_CASES, 'duckdb csv');
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
  const expected = EXPECTED_EDGE_CASES.map((r) => ({
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
  const expected = EXPECTED_EDGE_CASES.map(({ id, text, i64, f64 }) =>
    ({ id, text, i64: i64 === null ? null : String(i64), f64 }));
  assertSameRows(got, expected, 'polars csv');
});

test('Polars reads strata JSONL', () => {
  const df = pl.readJSON(fs.readFileSync(jsonl), { format: 'lines' });
  const got = df.select('id', 'text', 'flag').toRecords();
  const expected = EXPECTED_EDGE_CASES.map(({ id, text, flag }) => ({ id, text, flag }));
  assertSameRows(got, expected, 'polars jsonl');
});
