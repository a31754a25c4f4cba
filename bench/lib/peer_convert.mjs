// One peer's CSV → ZSTD Parquet conversion in its own process, so that
// /usr/bin/time measures its wall time and peak RSS alone.
//   node bench/lib/peer_convert.mjs duckdb|polars INPUT.csv OUTPUT.parquet
import { duckdb, pl } from '../../tests/interop/lib/harness.mjs';

const [engine, input, output] = process.argv.slice(2);
if (engine === 'duckdb') {
  const con = await duckdb();
  await con.run(`COPY (SELECT * FROM read_csv('${input}')) TO '${output}'
    (FORMAT parquet, COMPRESSION zstd)`);
} else if (engine === 'polars') {
  // sinkParquet returns a lazy frame: collecting it runs the streaming sink.
  await pl.scanCSV(input).sinkParquet(output, { compression: 'zstd' }).collect();
} else {
  throw new Error(`unknown engine ${engine}`);
}
