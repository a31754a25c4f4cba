// Parquet read and convert throughput: strata beside DuckDB and Polars, on
// the same files, in the same run. Reports best-of-N wall times and ratios.
//
//   cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release
//   cmake --build build/bench --target strata parquet_read_bench
//   node bench/compare_parquet.mjs [--rows 10000000] [--runs 3] [--build build/bench]
//
// Files: the telemetry sample written by strata (zstd) and the same rows
// written by DuckDB (zstd). "read" materialises every column in memory:
// strata's full scan, DuckDB's CREATE TABLE AS, Polars' readParquet.
// "convert" reads a file and writes it again with zstd.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { duckdb, pl } from '../tests/interop/lib/harness.mjs';
import { best, parseArgs, printTable, scratchDir } from './lib/timing.mjs';

const args = parseArgs();
const rows = Number(args.rows ?? 10_000_000);
const runs = Number(args.runs ?? 3);
const build = path.resolve(args.build ?? 'build/bench');
const strataBin = path.join(build, 'src/cli/strata');
const readBench = path.join(build, 'bench/parquet_read_bench');
const dir = scratchDir();

const con = await duckdb();
const strataFile = path.join(dir, 'telemetry-strata.parquet');
const duckFile = path.join(dir, 'telemetry-duckdb.parquet');
execFileSync(strataBin, ['--quiet', 'generate', 'telemetry', '--rows', String(rows),
  '--to', strataFile]);
await con.run(`COPY (SELECT * FROM '${strataFile}') TO '${duckFile}'
  (FORMAT parquet, COMPRESSION zstd)`);

const results = [];
for (const [label, file] of [['strata-written', strataFile], ['duckdb-written', duckFile]]) {
  const strataRead = JSON.parse(execFileSync(readBench, [file, String(runs)], { encoding: 'utf8' }));
  const duckRead = await best(runs, async () => {
    await con.run(`CREATE OR REPLACE TABLE m AS SELECT * FROM '${file}'`);
  });
  const polarsRead = await best(runs, () => pl.readParquet(file));
  results.push({ case: `read ${label}`, strata: strataRead.seconds, duckdb: duckRead,
    polars: polarsRead });
  const out = path.join(dir, 'out.parquet');
  // --overwrite: a second run into the same file would be skipped as done.
  const strataConvert = await best(runs, () => execFileSync(strataBin,
    ['--quiet', 'convert', file, '--to', out, '--overwrite']));
  const duckConvert = await best(runs, async () => {
    await con.run(`COPY (SELECT * FROM '${file}') TO '${out}' (FORMAT parquet, COMPRESSION zstd)`);
  });
  const polarsConvert = await best(runs,
    () => pl.readParquet(file).writeParquet(out, { compression: 'zstd' }));
  results.push({ case: `convert ${label}`, strata: strataConvert, duckdb: duckConvert,
    polars: polarsConvert });
}

const size = (f) => (fs.statSync(f).size / 1e6).toFixed(1);
console.log(`${rows} telemetry rows; strata file ${size(strataFile)} MB, ` +
  `DuckDB file ${size(duckFile)} MB; best of ${runs}; ${os.cpus().length} cores`);
printTable(results);
