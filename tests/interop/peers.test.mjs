// The test peers themselves: both engines load and run. If this fails, every
// other interop test is meaningless (run scripts/setup.sh --test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duckdbRows, pl, strata } from './lib/harness.mjs';

test('DuckDB runs a query', async () => {
  const rows = await duckdbRows("SELECT 40 + 2 AS answer, version() AS v");
  assert.equal(rows[0].answer, 42);
  assert.match(rows[0].v, /^v\d+\.\d+/);
});

test('Polars builds a frame', () => {
  const df = pl.DataFrame({ a: [1, 2, 3] });
  assert.equal(df.getColumn('a').sum(), 6);
});

test('strata binary answers --version', () => {
  const { stdout } = strata(['--version']);
  assert.match(stdout, /^strata \d+\.\d+\.\d+/);
});
