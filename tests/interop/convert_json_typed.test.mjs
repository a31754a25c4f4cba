// Typed leaves inside JSON structs and lists, and `convert --schema` on
// JSON, against DuckDB: strata's Parquet must hold the values DuckDB's own
// read_json gives for the same input cast to the same types (timestamps
// compared as UTC instants), with timestamp-in-UTC, date, uuid and decimal
// logical types in the file itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { assertSameRows, duckdbRows, strata, tempDir } from './lib/harness.mjs';

const dir = tempDir();
const OFFSETS = [['Z', 0], ['+05:30', 330], ['-08:00', -480], ['+00:00', 0], ['+14:00', 840]];

// An instant written as local time with an offset, microseconds kept.
function isoWithOffset(seconds, micros, [suffix, minutes]) {
  const local = new Date((seconds + minutes * 60) * 1000).toISOString().slice(0, 19);
  const fraction = micros === 0 ? '' : `.${String(micros).padStart(6, '0')}`;
  return `${local}${fraction}${suffix}`;
}

function uuid(i) {
  const hex = (BigInt(i + 1) * 0x9e3779b97f4a7c15n).toString(16).padStart(16, '0').slice(-16);
  const text = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(1, 4)}-` +
    `${hex.slice(4, 16)}`;
  return i % 2 ? text.toUpperCase() : text;
}

function day(i) {
  return new Date(Date.UTC(2020, 0, 1) + i * 86400000 * 3).toISOString().slice(0, 10);
}

function writeEvents(file, rows) {
  const lines = [];
  for (let i = 0; i < rows; i++) {
    const seconds = 1700000000 + i * 3671;
    lines.push(JSON.stringify({
      id: i,
      ev: i % 7 === 0 ? null : {
        at: isoWithOffset(seconds, (i * 137) % 1000000, OFFSETS[i % OFFSETS.length]),
        day: day(i),
        uid: uuid(i),
        note: i % 3 ? `n${i}` : null,
        seen: Array.from({ length: i % 3 }, (_, j) => isoWithOffset(seconds + j, 0, OFFSETS[j])),
      },
      days: i % 5 === 0 ? [] : [day(i), i % 2 ? null : day(i + 1)],
      visits: [{ when: isoWithOffset(seconds - 60, 0, OFFSETS[(i + 2) % OFFSETS.length]),
        where: `w${i % 4}` }],
    }));
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

const describe = async (relation) =>
  (await duckdbRows(`DESCRIBE SELECT * FROM ${relation}`))
    .map((r) => `${r.column_name} ${r.column_type}`);

async function rowsOnlyIn(a, b) {
  const rows = await duckdbRows(`SELECT count(*) AS n FROM (
    (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}) UNION ALL
    (SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a}))`);
  return Number(rows[0].n);
}

// name -> logical type of the Parquet leaves called `name`.
async function parquetLogicalTypes(file) {
  const rows = await duckdbRows(
    `SELECT name, CAST(logical_type AS VARCHAR) AS logical FROM parquet_schema('${file}')`);
  return Object.fromEntries(rows.map((r) => [r.name, r.logical ?? '']));
}

test('ISO timestamps, dates and uuids inside structs and lists are typed', async () => {
  const input = path.join(dir, 'events.jsonl');
  const output = path.join(dir, 'events.parquet');
  writeEvents(input, 600);
  strata(['--quiet', 'convert', input, '--to', output]);
  await duckdbRows(`SET TimeZone = 'UTC'`);
  const ours = `(SELECT id, ev, days, visits FROM read_parquet('${output}'))`;
  const theirs = `(SELECT id,
      CAST(ev AS STRUCT("at" TIMESTAMPTZ, "day" DATE, uid UUID, note VARCHAR,
                        seen TIMESTAMPTZ[])) AS ev,
      CAST(days AS DATE[]) AS days,
      CAST(visits AS STRUCT("when" TIMESTAMPTZ, "where" VARCHAR)[]) AS visits
    FROM read_json('${input}', format = 'newline_delimited', columns = {
      id: 'BIGINT',
      ev: 'STRUCT("at" VARCHAR, "day" VARCHAR, uid VARCHAR, note VARCHAR, seen VARCHAR[])',
      days: 'VARCHAR[]',
      visits: 'STRUCT("when" VARCHAR, "where" VARCHAR)[]'}))`;
  assert.deepEqual(await describe(ours), await describe(theirs));
  assert.match((await describe(ours))[1], /TIMESTAMP WITH TIME ZONE.*DATE.*UUID/);
  assert.equal(await rowsOnlyIn(ours, theirs), 0);
  const logical = await parquetLogicalTypes(output);
  assert.match(logical.at, /TimestampType\(isAdjustedToUTC=(1|true)/);
  assert.match(logical.when, /TimestampType\(isAdjustedToUTC=(1|true)/);
  assert.match(logical.day, /DateType/);
  assert.match(logical.uid, /UUIDType/);
  // One instant by hand: local 01:02 at +05:30 is 19:32 the day before in UTC.
  const [row] = await duckdbRows(`SELECT ev FROM ${ours} WHERE id = 1`);
  const expected = new Date(isoWithOffset(1700003671, 137, OFFSETS[1]));
  assert.equal(row.ev.at.getTime(), expected.getTime());
  assert.equal(row.ev.uid, uuid(1).toLowerCase());
});

test('--schema with a decimal and a struct reads JSON as declared', async () => {
  const input = path.join(dir, 'orders.jsonl');
  const output = path.join(dir, 'orders.parquet');
  const schema = path.join(dir, 'orders.yaml');
  const lines = [];
  for (let i = 0; i < 300; i++) {
    const cents = (i * 7919) % 1000000 - 20000;
    const price = i % 2 ? (cents / 100).toFixed(2) : cents / 100;  // a string or a number
    lines.push(JSON.stringify({
      info: i % 11 === 0 ? null : {
        sku: `S-${i % 13}`,
        at: i % 5 === 0 ? null : isoWithOffset(1700000000 + i * 59, 0, OFFSETS[i % OFFSETS.length]),
        qty: i % 4 === 0 ? String(i) : i,
      },
      price,
      id: i,
    }));
  }
  fs.writeFileSync(input, `${lines.join('\n')}\n`);
  fs.writeFileSync(schema, [
    'columns:',
    '  - {name: id, type: int64, nullable: false}',
    '  - {name: amount, from: price, type: "decimal(12, 2)"}',
    '  - {name: info, type: "struct<sku: string, at: timestamp(us, UTC), qty: int32>"}',
    ''].join('\n'));
  strata(['--quiet', 'convert', input, '--to', output, '--schema', schema]);
  await duckdbRows(`SET TimeZone = 'UTC'`);
  const ours = `(SELECT * FROM read_parquet('${output}'))`;
  const theirs = `(SELECT id, CAST(price AS DECIMAL(12, 2)) AS amount,
      CAST(info AS STRUCT(sku VARCHAR, "at" TIMESTAMPTZ, qty INTEGER)) AS info
    FROM read_json('${input}', format = 'newline_delimited', columns = {
      info: 'STRUCT(sku VARCHAR, "at" VARCHAR, qty VARCHAR)', price: 'VARCHAR', id: 'BIGINT'}))`;
  assert.deepEqual(await describe(ours), await describe(theirs));
  assert.deepEqual((await describe(ours)).slice(0, 2), ['id BIGINT', 'amount DECIMAL(12,2)']);
  assertSameRows(await duckdbRows(`SELECT * FROM ${ours} ORDER BY id`),
    await duckdbRows(`SELECT * FROM ${theirs} ORDER BY id`), 'orders');
  assert.equal(await rowsOnlyIn(ours, theirs), 0);
  const logical = await parquetLogicalTypes(output);
  assert.match(logical.amount, /DecimalType\(scale=2, precision=12\)/);
  assert.match(logical.at, /TimestampType\(isAdjustedToUTC=(1|true)/);
});
