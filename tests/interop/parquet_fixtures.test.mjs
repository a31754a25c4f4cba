// Every Parquet file in ../shared/fixtures (written by Spark, Impala,
// parquet-mr, Arrow, delta-rs and others) converted by strata must hold the
// rows and types DuckDB reads from the original. The exceptions are listed
// with their reasons, and each is checked to still behave as listed, so a
// change in either engine shows up here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { duckdbRows, strata, tempDir } from './lib/harness.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../shared/fixtures');
const dir = tempDir();

// Files neither engine accepts: strata must say why, naming the file.
const REFUSED = {
  'PARQUET-1481.parquet': /corruption: .*PARQUET-1481\.parquet: footer/,
  // A page with fewer levels than values (DuckDB refuses its GeoParquet metadata).
  'ARROW-GH-41321.parquet':
    /corruption: .*ARROW-GH-41321\.parquet, row group \d+, column '[^']+', page \d+: definition levels/,
};
// DuckDB 1.5 cannot read Hadoop-framed LZ4; the C++ tests check strata's
// values against the fixture's description instead.
const DUCKDB_CANNOT_READ = ['hadoop_lz4_compressed.parquet'];
// Spark's INT96 for year 290000: strata reads what Spark wrote
// (9089380393200000000 us, as the fixture's .md says); DuckDB overflows.
const INT96_FAR_FUTURE = 'int96_from_spark.parquet';

function fixtures() {
  const out = execFileSync('find', [ROOT, '-name', '*.parquet'], { encoding: 'utf8' });
  return out.trim().split('\n').filter(Boolean).sort();
}

// Hive-style directories (k=v) must not add partition columns here.
const scan = (file) => `read_parquet('${file}', hive_partitioning = false)`;

async function rowsOnlyIn(a, b, where = 'true') {
  const rows = await duckdbRows(`SELECT count(*) AS n FROM (
    (SELECT * FROM ${scan(a)} WHERE ${where} EXCEPT ALL SELECT * FROM ${scan(b)} WHERE ${where})
    UNION ALL
    (SELECT * FROM ${scan(b)} WHERE ${where} EXCEPT ALL SELECT * FROM ${scan(a)} WHERE ${where}))`);
  return Number(rows[0].n);
}

async function columnTypes(file) {
  const rows = await duckdbRows(`DESCRIBE SELECT * FROM ${scan(file)}`);
  return rows.map((r) => [r.column_name, r.column_type]);
}

test('the fixtures are present', () => {
  assert.ok(fs.existsSync(ROOT), `missing ${ROOT}`);
  assert.ok(fixtures().length >= 90, `only ${fixtures().length} fixture files`);
});

for (const file of fixtures()) {
  const name = path.relative(ROOT, file);
  const base = path.basename(file);
  const output = path.join(dir, name.replaceAll('/', '__'));
  test(`fixture ${name}`, async () => {
    if (REFUSED[base]) {
      const { stderr } = strata(['convert', file, '--to', output], { expectCode: 1 });
      assert.match(stderr, REFUSED[base]);
      await assert.rejects(duckdbRows(`SELECT count(*) FROM ${scan(file)}`));
      return;
    }
    strata(['--quiet', 'convert', file, '--to', output]);
    if (DUCKDB_CANNOT_READ.includes(base)) {
      await assert.rejects(duckdbRows(`SELECT * FROM ${scan(file)}`));
      return;
    }
    assert.deepEqual(await columnTypes(output), await columnTypes(file));
    if (base === INT96_FAR_FUTURE) {
      const ordinary = "a IS NULL OR a BETWEEN TIMESTAMP '1900-01-01' AND TIMESTAMP '10000-01-01'";
      assert.equal(await rowsOnlyIn(file, output, ordinary), 0);
      const far = await duckdbRows(`SELECT epoch_us(a)::VARCHAR AS us FROM ${scan(output)}
        WHERE a > TIMESTAMP '10000-01-01'`);
      assert.deepEqual(far.map((r) => r.us), ['9089380393200000000']);
      return;
    }
    assert.equal(await rowsOnlyIn(file, output), 0, `rows differ for ${name}`);
  });
}
