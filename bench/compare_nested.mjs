// Nested Parquet decode throughput: a list<struct<...>> column read by
// strata beside DuckDB and Polars, on the same file, in the same run.
// Reports best-of-N wall times and ratios.
//
//   cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release
//   cmake --build build/bench --target strata parquet_read_bench
//   node bench/compare_nested.mjs [--rows 2000000] [--runs 3] [--build build/bench]
//
// The file (written by DuckDB, zstd) holds an id and `events`: a list of 0-9
// structs {at: int64, kind: varchar (12 values), value: double}, a tenth of
// the lists null and some members null. "read" materialises every column:
// strata's full scan (parquet_read_bench), DuckDB's CREATE TABLE AS, Polars'
// readParquet. "write" is strata's and DuckDB's zstd write of the same rows.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { duckdb, pl } from '../tests/interop/lib/harness.mjs';
import { best, parseArgs, printTable, scratchDir } from './lib/timing.mjs';

const args = parseArgs();
const rows = Number(args.rows ?? 2_000_000);
const runs = Number(args.runs ?? 3);
const build = path.resolve(args.build ?? 'build/bench');
const strataBin = path.join(build, 'src/cli/strata');
const readBench = path.join(build, 'bench/parquet_read_bench');
const dir = scratchDir();

const con = await duckdb();
const file = path.join(dir, 'events-duckdb.parquet');
await con.run(`COPY (SELECT i AS id,
    CASE WHEN i % 10 = 0 THEN NULL ELSE
      [{'at': i * 10 + j, 'kind': CASE WHEN j % 7 = 0 THEN NULL ELSE 'kind-' || ((i + j) % 12) END,
        'value': CASE WHEN (i + j) % 11 = 0 THEN NULL ELSE (i * 31 + j) % 1000 / 7.0 END}
       FOR j IN range(i % 10)] END AS events
  FROM range(${rows}) t(i)) TO '${file}' (FORMAT parquet, COMPRESSION zstd)`);
const leafValues = (await (await con.runAndReadAll(
  `SELECT sum(len(events)) AS n FROM '${file}'`)).getRowObjectsJS())[0].n;

const strataRead = JSON.parse(execFileSync(readBench, [file, String(runs)], { encoding: 'utf8' }));
const duckRead = await best(runs, async () => {
  await con.run(`CREATE OR REPLACE TABLE m AS SELECT * FROM '${file}'`);
});
const polarsRead = await best(runs, () => pl.readParquet(file));
const results = [{ case: 'read list<struct>', strata: strataRead.seconds, duckdb: duckRead,
  polars: polarsRead }];

const out = path.join(dir, 'out.parquet');
// --overwrite: a second run into the same file would be skipped as done.
const strataWrite = await best(runs,
  () => execFileSync(strataBin, ['--quiet', 'convert', file, '--to', out, '--overwrite']));
const duckWrite = await best(runs, async () => {
  await con.run(`COPY (SELECT * FROM '${file}') TO '${out}' (FORMAT parquet, COMPRESSION zstd)`);
});
const polarsWrite = await best(runs,
  () => pl.readParquet(file).writeParquet(out, { compression: 'zstd' }));
results.push({ case: 'convert list<struct>', strata: strataWrite, duckdb: duckWrite,
  polars: polarsWrite });

console.log(`${rows} rows, ${leafValues} structs in lists; file ${(fs.statSync(file).size / 1e6)
  .toFixed(1)} MB; best of ${runs}; ${os.cpus().length} cores`);
printTable(results);
