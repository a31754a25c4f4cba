// CSV → ZSTD Parquet: strata convert beside DuckDB and Polars, on the same
// generated telemetry CSV, in the same run. Reports wall time (best of N),
// output size and peak RSS (measured by /usr/bin/time around each process),
// and the ratios the convert issue sets as targets.
//
//   cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release
//   cmake --build build/bench --target strata
//   node bench/compare_convert.mjs [--rows 10000000[,100000000]] [--runs 3] [--build build/bench]
//                                  [--peer-max-rows N]
//
// Several row counts show how peak memory grows with the input; peers run
// only up to --peer-max-rows (default: every count), as the 10x run is
// about strata's memory.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
  (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const rowCounts = String(args.rows ?? '10000000').split(',').map(Number);
const runs = Number(args.runs ?? 3);
const peerMaxRows = Number(args['peer-max-rows'] ?? Infinity);
const build = path.resolve(args.build ?? 'build/bench');
const strataBin = path.join(build, 'src/cli/strata');
const here = path.dirname(fileURLToPath(import.meta.url));
const peerScript = path.join(here, 'lib/peer_convert.mjs');
const timeBin = '/usr/bin/time';
if (!fs.existsSync(timeBin)) throw new Error('needs GNU time: apt-get install time');
const dir = fs.mkdtempSync(path.join(args.tmp ?? os.tmpdir(), 'strata-convert-bench-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

// Runs `argv` under GNU time; returns seconds and peak RSS in MB.
function measure(argv) {
  const log = path.join(dir, 'time.log');
  execFileSync(timeBin, ['-f', '%e %M', '-o', log, ...argv], { stdio: ['ignore', 'ignore', 'inherit'],
    cwd: path.join(here, '../tests/interop') });
  const [seconds, kb] = fs.readFileSync(log, 'utf8').trim().split(/\s+/).map(Number);
  return { seconds, rssMb: kb / 1024 };
}

function best(argv, output) {
  let result = { seconds: Infinity, rssMb: 0 };
  for (let i = 0; i < runs; i++) {
    fs.rmSync(output, { recursive: true, force: true });
    const r = measure(argv);
    if (r.seconds < result.seconds) result = { ...r, rssMb: Math.max(r.rssMb, result.rssMb) };
    else result.rssMb = Math.max(result.rssMb, r.rssMb);
  }
  return { ...result, mb: fs.statSync(output).size / 1e6 };
}

const table = [];
for (const rows of rowCounts) {
  const csv = path.join(dir, `telemetry-${rows}.csv`);
  execFileSync(strataBin, ['--quiet', 'generate', 'telemetry', '--rows', String(rows), '--to', csv]);
  const csvMb = fs.statSync(csv).size / 1e6;
  const out = (name) => path.join(dir, `${name}.parquet`);
  const strata = best([strataBin, '--quiet', 'convert', csv, '--to', out('strata')], out('strata'));
  const skipped = { seconds: NaN, mb: NaN, rssMb: NaN };
  const withPeers = rows <= peerMaxRows;
  const duck = withPeers ? best(['node', peerScript, 'duckdb', csv, out('duckdb')], out('duckdb'))
    : skipped;
  const polars = withPeers ? best(['node', peerScript, 'polars', csv, out('polars')], out('polars'))
    : skipped;
  console.error(`${rows} rows: strata ${strata.seconds}s, duckdb ${duck.seconds}s, polars ` +
    `${polars.seconds}s`);
  table.push({ rows, csvMb, strata, duck, polars });
  for (const f of [csv, out('strata'), out('duckdb'), out('polars')]) fs.rmSync(f, { force: true });
}

console.log(`CSV → ZSTD Parquet; best of ${runs}; ${os.cpus().length} cores`);
console.log('rows        csv MB  engine   seconds  out MB  peak RSS MB');
for (const t of table) {
  for (const [name, r] of [['strata', t.strata], ['duckdb', t.duck], ['polars', t.polars]]) {
    console.log(`${String(t.rows).padEnd(11)} ${t.csvMb.toFixed(0).padStart(6)}  ${name.padEnd(7)}` +
      ` ${r.seconds.toFixed(2).padStart(8)} ${r.mb.toFixed(1).padStart(7)} ${r.rssMb.toFixed(0)
        .padStart(12)}`);
  }
  const faster = Math.min(t.duck.seconds, t.polars.seconds);
  if (Number.isNaN(faster)) continue;  // Peers skipped (--peer-max-rows).
  console.log(`  ratios: time strata/faster peer ${(t.strata.seconds / faster).toFixed(2)} ` +
    `(target <= 0.60); size strata/duckdb ${(t.strata.mb / t.duck.mb).toFixed(2)} ` +
    `(target <= 0.92); strata peak RSS ${t.strata.rssMb.toFixed(0)} MB (target <= 300)`);
}
if (table.length > 1) {
  const [first, last] = [table[0], table[table.length - 1]];
  console.log(`strata peak RSS: ${first.strata.rssMb.toFixed(0)} MB at ${first.rows} rows, ` +
    `${last.strata.rssMb.toFixed(0)} MB at ${last.rows} rows ` +
    `(x${(last.strata.rssMb / first.strata.rssMb).toFixed(2)} for x${(last.rows / first.rows)
      .toFixed(0)} the input)`);
}
