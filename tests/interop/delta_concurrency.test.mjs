// Concurrent `strata ingest` processes appending to one Delta table: every
// commit lands as its own version (optimistic concurrency retries blind
// appends), no row is lost or duplicated, and the checkpoints written on the
// way leave a table that reads whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strata, strataBin, tempDir } from './lib/harness.mjs';

const WORKERS = 4;
const ROUNDS = 5;
const ROWS = 3;

// Runs strata asynchronously; resolves with {code, stdout, stderr}.
function strataAsync(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(strataBin(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function idOf(worker, round, row) {
  return worker * 1000 + round * 10 + row;
}

test(`${WORKERS} processes appending ${ROUNDS} times each all commit, each row once`, async (t) => {
  const dir = tempDir();
  const table = path.join(dir, 'table');
  const schema = path.join(dir, 'schema.json');
  fs.writeFileSync(schema, JSON.stringify({ columns: [
    { name: 'id', type: 'int64', nullable: false },
    { name: 'worker', type: 'int64' },
    { name: 'round', type: 'int64' },
    { name: 'name', type: 'string' },
  ] }));
  strata(['--quiet', 'table', 'create', table, '--schema', schema]);

  // One small CSV per (worker, round), with ids no other file has.
  const inputs = [];
  for (let w = 0; w < WORKERS; w++) {
    inputs.push([]);
    for (let r = 0; r < ROUNDS; r++) {
      const file = path.join(dir, `w${w}-r${r}.csv`);
      let text = 'id,worker,round,name\n';
      for (let i = 0; i < ROWS; i++) text += `${idOf(w, r, i)},${w},${r},"w${w} r${r}, row ${i}"\n`;
      fs.writeFileSync(file, text);
      inputs[w].push(file);
    }
  }

  // The workers run at once; each ingests its files one after another.
  const results = await Promise.all(inputs.map(async (files) => {
    const runs = [];
    for (const file of files) {
      const r = await strataAsync(['--json', '--threads', '1', 'ingest', table, file]);
      assert.equal(r.code, 0, `ingest ${file} failed: ${r.stderr}`);
      runs.push(JSON.parse(r.stdout));
    }
    return runs;
  }));
  const runs = results.flat();
  const retries = runs.reduce((n, r) => n + r.attempts - 1, 0);
  t.diagnostic(`commits retried after losing a race: ${retries}`);
  assert.equal(runs.length, WORKERS * ROUNDS);
  for (const r of runs) {
    assert.equal(r.skipped, false);
    assert.equal(r.rows, ROWS);
    assert.ok(r.attempts >= 1, JSON.stringify(r));
  }
  // Every ingest got its own version, 1 .. N*K.
  const versions = runs.map((r) => r.version).sort((a, b) => a - b);
  assert.deepEqual(versions, Array.from({ length: WORKERS * ROUNDS }, (_, i) => i + 1));

  const history = JSON.parse(strata(['--json', 'history', table]).stdout);
  assert.equal(history.length, WORKERS * ROUNDS + 1);
  const writes = history.filter((h) => h.version > 0);
  assert.equal(writes.length, WORKERS * ROUNDS);
  for (const h of writes) {
    assert.equal(h.commit_info.operation, 'WRITE');
    assert.equal(h.commit_info.isBlindAppend, true);
    assert.equal(h.files_added, 1);
    assert.equal(h.files_removed, 0);
  }
  assert.deepEqual(history.map((h) => h.version).sort((a, b) => a - b),
    Array.from({ length: WORKERS * ROUNDS + 1 }, (_, i) => i));
  // Each input was committed once.
  const sources = writes.map((h) => h.commit_info.operationParameters.source).sort();
  assert.deepEqual(sources, inputs.flat().sort());

  // Checkpoints at 10 and 20 (the default interval) read like the log.
  const log = fs.readdirSync(path.join(table, '_delta_log'));
  assert.ok(log.includes('00000000000000000010.checkpoint.parquet'), log.join(' '));
  assert.ok(log.includes('00000000000000000020.checkpoint.parquet'), log.join(' '));

  const csv = strata(['cat', table, '--format', 'csv', '--columns', 'id']).stdout.trim().split('\n');
  assert.equal(csv[0], 'id');
  const counts = new Map();
  for (const line of csv.slice(1)) counts.set(Number(line), (counts.get(Number(line)) ?? 0) + 1);
  for (let w = 0; w < WORKERS; w++) {
    for (let r = 0; r < ROUNDS; r++) {
      for (let i = 0; i < ROWS; i++) assert.equal(counts.get(idOf(w, r, i)), 1, `id ${idOf(w, r, i)}`);
    }
  }
  assert.equal(csv.length - 1, WORKERS * ROUNDS * ROWS);

  // The table info agrees, and an old version still reads.
  const info = JSON.parse(strata(['--json', 'table', 'info', table]).stdout);
  assert.equal(info.version, WORKERS * ROUNDS);
  assert.equal(Number(info.num_rows), WORKERS * ROUNDS * ROWS);
  const v1 = strata(['cat', table, '--version', '1', '--format', 'csv']).stdout.trim().split('\n');
  assert.equal(v1.length - 1, ROWS);
});
