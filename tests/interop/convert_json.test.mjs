// `strata convert` on JSON Lines with nested values against DuckDB's own
// read_json as the oracle: the same column types (structs from objects,
// lists from arrays) and the same rows, value by value (EXCEPT ALL both
// ways); Polars reads the written file with the same nesting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { duckdbRows, pl, strata, tempDir } from './lib/harness.mjs';

const dir = tempDir();

function writeJsonLines(file, rows) {
  const lines = [];
  for (let i = 0; i < rows; i++) {
    lines.push(JSON.stringify({
      id: i,
      p: i % 5 === 0 ? null : { x: i / 4, tags: i % 3 === 0 ? [] : [`t${i % 7}`, null] },
      e: i % 4 === 0 ? null : Array.from({ length: i % 3 }, (_, j) =>
        ({ at: i * 10 + j, what: j % 2 ? null : `w${j}` })),
      m: [[i, null], []],
    }));
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

const types = async (relation) => (await duckdbRows(`DESCRIBE SELECT * FROM ${relation}`))
  .map((r) => `${r.column_name} ${r.column_type}`);

async function rowsOnlyIn(a, b) {
  const rows = await duckdbRows(`SELECT count(*) AS n FROM (
    (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}) UNION ALL
    (SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a}))`);
  return Number(rows[0].n);
}

test('nested JSON Lines become the structs and lists DuckDB reads', async () => {
  const input = path.join(dir, 'nested.jsonl');
  const output = path.join(dir, 'nested.parquet');
  writeJsonLines(input, 2000);
  strata(['--quiet', 'convert', input, '--to', output]);
  const theirs = `read_json('${input}')`;
  const ours = `read_parquet('${output}')`;
  assert.deepEqual(await types(ours), await types(theirs));
  assert.equal(await rowsOnlyIn(ours, theirs), 0);
  const frame = pl.readParquet(output);
  assert.equal(frame.height, 2000);
  assert.match(String(frame.getColumn('e').dtype),
    /List\(DataType\(Struct\(Field\("at", DataType\(Int64\)\),Field\("what", DataType\(String/);
  const records = frame.toRecords();
  assert.deepEqual(records[7].p, { x: 1.75, tags: ['t0', null] });
  assert.deepEqual(records[7].e, [{ at: 70, what: 'w0' }]);
});
