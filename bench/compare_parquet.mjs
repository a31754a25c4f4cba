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

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
  (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const rows = Number(args.rows ?? 10_000_000);
const runs = Number(args.runs ?? 3);
const build = path.resolve(args.build ?? 'build/bench');
const strataBin = path.join(build, 'src/cli/strata');
const readBench = path.join(build, 'bench/parquet_read_bench');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-bench-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

function best(fn) {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return min;
}

async function bestAsync(fn) {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    min = Math.min(min, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return min;
}

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
  const duckRead = await bestAsync(async () => {
    await con.run(`CREATE OR REPLACE TABLE m AS SELECT * FROM '${file}'`);
  });
  const polarsRead = best(() => pl.readParquet(file));
  results.push({ case: `read ${label}`, strata: strataRead.seconds, duckdb: duckRead,
    polars: polarsRead });
  const out = path.join(dir, 'out.parquet');
  const strataConvert = best(() => execFileSync(strataBin,
    ['--quiet', 'convert', file, '--to', out]));
  const duckConvert = await bestAsync(async () => {
    await con.run(`COPY (SELECT * FROM '${file}') TO '${out}' (FORMAT parquet, COMPRESSION zstd)`);
  });
  const polarsConvert = best(() => pl.readParquet(file).writeParquet(out, { compression: 'zstd' }));
  results.push({ case: `convert ${label}`, strata: strataConvert, duckdb: duckConvert,
    polars: polarsConvert });
}

const size = (f) => (fs.statSync(f).size / 1e6).toFixed(1);
console.log(`${rows} telemetry rows; strata file ${size(strataFile)} MB, ` +
  `DuckDB file ${size(duckFile)} MB; best of ${runs}; ${os.cpus().length} cores`);
console.log('case                     strata s  duckdb s  polars s  duckdb/strata  polars/strata');
for (const r of results) {
  console.log(`${r.case.padEnd(24)} ${r.strata.toFixed(3).padStart(8)} ${r.duckdb.toFixed(3)
    .padStart(9)} ${r.polars.toFixed(3).padStart(9)} ${(r.duckdb / r.strata).toFixed(2)
    .padStart(14)} ${(r.polars / r.strata).toFixed(2).padStart(14)}`);
}
