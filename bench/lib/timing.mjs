// What the peer-comparison scripts share: `--name value` arguments, a
// scratch directory removed on exit, and best-of-N wall times.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// {name: value} for each `--name value` pair of the command line.
export function parseArgs(argv = process.argv.slice(2)) {
  return Object.fromEntries(argv.reduce((acc, a, i, all) =>
    (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
}

export function scratchDir(prefix = 'strata-bench-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// The fastest of `runs` runs of fn (sync or async), in seconds.
export async function best(runs, fn) {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    min = Math.min(min, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return min;
}

// One result line: seconds per engine and the peers' times over strata's.
export function printTable(results) {
  console.log('case                     strata s  duckdb s  polars s  duckdb/strata  polars/strata');
  for (const r of results) {
    console.log(`${r.case.padEnd(24)} ${r.strata.toFixed(3).padStart(8)} ${r.duckdb.toFixed(3)
      .padStart(9)} ${r.polars.toFixed(3).padStart(9)} ${(r.duckdb / r.strata).toFixed(2)
      .padStart(14)} ${(r.polars / r.strata).toFixed(2).padStart(14)}`);
  }
}
