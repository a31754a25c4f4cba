// Per-column codecs (`--compression COLUMN=CODEC[:LEVEL]` and the schema
// file's `compression`): DuckDB's parquet_metadata reports each column's
// own codec in every row group, DuckDB reads back exactly the rows it
// parses from the CSV itself, and Polars reads the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { duckdbRows, duckdbTypes, pl, strata, tempDir } from './lib/harness.mjs';

const dir = tempDir();
const rows = 50000;
const csv = path.join(dir, 'telemetry.csv');
strata(['--quiet', 'generate', 'telemetry', '--rows', String(rows), '--to', csv]);

// path_in_schema -> the set of codecs DuckDB reports over all row groups.
async function codecsByColumn(file) {
  const meta = await duckdbRows(
    `SELECT path_in_schema AS col, compression FROM parquet_metadata('${file}')`);
  const out = {};
  for (const { col, compression } of meta) (out[col] ??= new Set()).add(compression);
  return Object.fromEntries(Object.entries(out).map(([c, s]) => [c, [...s].sort().join(',')]));
}

// Rows in one relation but not the other (multiset, both ways).
async function differingRows(a, b) {
  const r = await duckdbRows(`SELECT count(*) AS n FROM (
    (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}) UNION ALL
    (SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a}))`);
  return Number(r[0].n);
}

async function assertSameAsDuckdbCsv(file) {
  const theirs = `read_csv('${csv}')`;
  const ours = `read_parquet('${file}')`;
  assert.deepEqual(await duckdbTypes(ours), await duckdbTypes(theirs));
  assert.equal(await differingRows(theirs, ours), 0);
  assert.equal(pl.readParquet(file).height, rows);
}

test('--compression COLUMN=CODEC[:LEVEL] gives each column its codec', async () => {
  const out = path.join(dir, 'mixed.parquet');
  strata(['--quiet', 'convert', csv, '--to', out, '--row-group-rows', '20000',
    '--compression', 'zstd', '--level', '5',
    '--compression', 'site=lz4', '--compression', 'battery_id=snappy,voltage=gzip:9',
    '--compression', 'current=uncompressed', '--compression', 'ts=zstd:19',
    '--compression', 'status=brotli:4']);
  assert.deepEqual(await codecsByColumn(out), {
    reading_id: 'ZSTD',
    ts: 'ZSTD',
    site: 'LZ4_RAW',
    battery_id: 'SNAPPY',
    voltage: 'GZIP',
    current: 'UNCOMPRESSED',
    temperature: 'ZSTD',
    soc: 'ZSTD',
    status: 'BROTLI',
  });
  const groups = await duckdbRows(
    `SELECT count(DISTINCT row_group_id) AS n FROM parquet_metadata('${out}')`);
  assert.equal(Number(groups[0].n), 3);
  await assertSameAsDuckdbCsv(out);
});

test('schema-file codecs apply, and --compression COLUMN=... wins over them', async () => {
  const printed = strata(['convert', csv, '--print-schema']).stdout;
  const schema = JSON.parse(printed);
  const codecs = { site: 'snappy', soc: 'gzip:2', status: 'uncompressed', ts: 'lz4' };
  for (const column of schema.columns) {
    if (codecs[column.name]) column.compression = codecs[column.name];
  }
  const schemaPath = path.join(dir, 'schema.json');
  fs.writeFileSync(schemaPath, JSON.stringify(schema, null, 2));
  const out = path.join(dir, 'schema.parquet');
  strata(['--quiet', 'convert', csv, '--to', out, '--schema', schemaPath,
    '--compression', 'brotli', '--compression', 'ts=zstd:3']);
  const got = await codecsByColumn(out);
  assert.equal(got.site, 'SNAPPY');
  assert.equal(got.soc, 'GZIP');
  assert.equal(got.status, 'UNCOMPRESSED');
  assert.equal(got.ts, 'ZSTD');  // The command line's, not the file's LZ4.
  assert.equal(got.reading_id, 'BROTLI');
  assert.equal(got.voltage, 'BROTLI');
  await assertSameAsDuckdbCsv(out);
});
