// Shared helpers for interop tests: run the strata binary, query the real
// DuckDB and Polars engines (native builds from npm), compare values.
// A missing peer or binary is a failure, never a skip.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import pl from 'nodejs-polars';

export { pl };

export function strataBin() {
  const bin = process.env.STRATA_BIN;
  assert.ok(bin, 'STRATA_BIN must name the strata binary (ctest sets it)');
  assert.ok(fs.existsSync(bin), `STRATA_BIN ${bin} does not exist`);
  return bin;
}

// Runs strata with `args`; returns {code, stdout, stderr}. Throws with the
// output when the exit code differs from `expectCode` (default 0).
export function strata(args, { expectCode = 0 } = {}) {
  const r = spawnSync(strataBin(), args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  const result = { code: r.status, stdout: r.stdout, stderr: r.stderr };
  if (expectCode !== null && r.status !== expectCode) {
    throw new Error(`strata ${args.join(' ')} exited ${r.status}, expected ${expectCode}\n` +
      `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
  return result;
}

// A fresh directory removed when the process exits.
export function tempDir(prefix = 'strata-interop-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let duckdbConnection = null;
export async function duckdb() {
  if (!duckdbConnection) {
    const instance = await DuckDBInstance.create(':memory:');
    duckdbConnection = await instance.connect();
  }
  return duckdbConnection;
}

// Rows of `sql` as plain objects with JS values (bigints stay bigints).
export async function duckdbRows(sql) {
  const con = await duckdb();
  const reader = await con.runAndReadAll(sql);
  return reader.getRowObjectsJS();
}

// Column names and DuckDB type names of a relation (table function or path).
export async function duckdbTypes(sql) {
  const con = await duckdb();
  const reader = await con.runAndReadAll(`DESCRIBE SELECT * FROM ${sql}`);
  return Object.fromEntries(reader.getRowObjectsJS().map((r) => [r.column_name, r.column_type]));
}

// Deep equality that treats bigint and number with the same integral value
// as equal, and compares floats exactly (NaN equals NaN).
export function sameValue(a, b) {
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    try { return BigInt(a) === BigInt(b); } catch { return false; }
  }
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) || a === b;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => sameValue(a[k], b[k]));
  }
  return a === b;
}

// Asserts two row lists are equal value by value, reporting the first
// difference by row index and column.
export function assertSameRows(actual, expected, what = 'rows') {
  assert.equal(actual.length, expected.length, `${what}: row count`);
  for (let i = 0; i < expected.length; i++) {
    for (const key of new Set([...Object.keys(expected[i]), ...Object.keys(actual[i])])) {
      if (!sameValue(actual[i][key], expected[i][key])) {
        assert.fail(`${what}: row ${i} column ${key}: got ${fmt(actual[i][key])}, ` +
          `expected ${fmt(expected[i][key])}`);
      }
    }
  }
}

function fmt(v) {
  return typeof v === 'bigint' ? `${v}n` : JSON.stringify(v);
}
