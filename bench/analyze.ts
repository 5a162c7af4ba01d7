/**
 * Analyzer measurements, each a ratio or a median measured in this one run:
 *   1. `fwsnap analyze` on a bundle of this host, process start to report (target: median ≤ 300 ms);
 *   2. row loading through the fact sink vs a bare better-sqlite3 prepared-insert loop of the same rows
 *      (target: at least half the bare rate);
 *   3. time and peak memory analyzing a bundle holding FWSNAP_BENCH_REGS_MB (default 1024) MiB of register dumps
 *      (targets: ≤ 10 s, ≤ 300 MB);
 *   4. peak memory analyzing a bundle of 300,000 entries, the most a bundle may hold: 299,999 empty files, each
 *      listed in the manifest (every entry is remembered to the end: the figure docs/faults.md quotes; target ≤ 300 MB);
 *   5. CPU time loading (`fwsnap query`, rules included) and analyzing a bundle whose /dev/kmsg holds a million 16-byte
 *      records, and one holding 16 MiB of a busy storage host's lines (medians of 3 rounds; of 5 with a base build).
 * Run: npm run build && node dist/bench/analyze.js [PART…]   (parts 1, 2, 3, 4, 5; default all)
 * With FWSNAP_BENCH_BASE=<another build's dist/>, parts 1, 2, 4 and 5 also measure that build, in the same rounds
 * (part 5 also compares the two builds' databases table by table).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { FORMAT_NAME, FORMAT_VERSION } from '../bundle/format.js';
import { BundleWriter } from '../bundle/writer.js';
import { DEFAULT_LIMITS } from '../bundle/reader.js';
import { openDatabase, openReadOnly } from '../analyzer/db/database.js';
import { shippedFacts } from '../analyzer/classes/index.js';
import { SqliteSink } from '../analyzer/db/sink.js';
import { describeVersion } from '../analyzer/load/describe-version.js';
import { baseBuild, median, timeCommand, verdict } from './stats.js';
import { kernelLogText, writeGeneratedBundle } from '../test/fixtures/hostile/sizes.js';

const cli = resolve(new URL('../cli/main.js', import.meta.url).pathname);
const base = baseBuild();
const dir = mkdtempSync(join(tmpdir(), 'fwsnap-bench-'));

function analyzeLatency(): void {
  const bundle = join(dir, 'host.tar.gz');
  const c = timeCommand([process.execPath, cli, 'collect', '-o', bundle]);
  if (c.status !== 0) throw new Error(`collect failed: ${c.stderr}`);
  const runs: number[] = [];
  const cpu: number[] = [];
  const baseRuns: number[] = [];
  const baseCpu: number[] = [];
  const analyze = (main: string, wall: number[], cpuMs: number[]): void => {
    const r = timeCommand([process.execPath, main, 'analyze', bundle, '--format', 'json']);
    if (r.status !== 0 && r.status !== 1) throw new Error(`analyze failed (${r.status}): ${r.stderr}`);
    wall.push(r.ms);
    cpuMs.push(r.cpuMs);
  };
  // Which build goes first changes from round to round: on a busy machine the first of a pair ran slower.
  for (let i = 0; i < 9; i++) {
    if (base && i % 2) analyze(base.cli, baseRuns, baseCpu);
    analyze(cli, runs, cpu);
    if (base && !(i % 2)) analyze(base.cli, baseRuns, baseCpu);
  }
  const m = median(runs);
  console.log(`1. analyze this host's bundle: median ${m.toFixed(0)} ms over ${runs.length} runs (min ${Math.min(...runs).toFixed(0)}, max ${Math.max(...runs).toFixed(0)}; CPU median ${median(cpu).toFixed(0)} ms); target ≤ 300 ms: ${verdict(m <= 300)}; load average ${loadavg()[0]!.toFixed(2)}`);
  if (base) console.log(`   base build, alternating with it: median ${median(baseRuns).toFixed(0)} ms (min ${Math.min(...baseRuns).toFixed(0)}, max ${Math.max(...baseRuns).toFixed(0)}; CPU median ${median(baseCpu).toFixed(0)} ms)`);
}

/** The modules part 2 times: this build's, or (FWSNAP_BENCH_BASE) the base build's. */
interface SinkModules {
  openDatabase: typeof openDatabase;
  SqliteSink: typeof SqliteSink;
  shippedFacts: typeof shippedFacts;
  describeVersion: typeof describeVersion;
}

async function baseSinkModules(dist: string): Promise<SinkModules> {
  const load = (path: string): Promise<Record<string, unknown>> => import(pathToFileURL(join(dist, path)).href) as Promise<Record<string, unknown>>;
  const [d, s, c, v] = await Promise.all([load('analyzer/db/database.js'), load('analyzer/db/sink.js'), load('analyzer/classes/index.js'), load('analyzer/load/describe-version.js')]);
  return { openDatabase: d.openDatabase, SqliteSink: s.SqliteSink, shippedFacts: c.shippedFacts, describeVersion: v.describeVersion } as SinkModules;
}

/** Milliseconds to write the rows through a fact sink, into a fresh database of the given build. */
function sinkRun(m: SinkModules, values: { dev: string; key: string; value: string }[]): number {
  const db = m.openDatabase(':memory:');
  db.prepare(`INSERT INTO bundles (id, path, loaded_at, complete) VALUES (1, 'x', 'now', 1)`).run();
  const sink = new m.SqliteSink(db, 1, m.describeVersion, m.shippedFacts());
  const t0 = performance.now();
  db.transaction(() => {
    for (const v of values) sink.setting({ deviceKey: v.dev, namespace: 'mlxconfig', key: v.key, value: v.value, mode: 'current', artifact: 'cmd/x.out' });
  })();
  const ms = performance.now() - t0;
  db.close();
  return ms;
}

async function loadRate(): Promise<void> {
  const rows = 200_000;
  const baseModules = base ? await baseSinkModules(base.dist) : undefined;
  const baseRuns: number[] = [];
  const values = Array.from({ length: rows }, (_, i) => ({ dev: `0000:${(i % 256).toString(16).padStart(2, '0')}:00.0`, key: `param_${i % 700}`, value: String(i) }));
  const bareRuns: number[] = [];
  const sinkRuns: number[] = [];
  for (let round = 0; round < 5; round++) {
    const bare = openDatabase(':memory:');
    bare.prepare(`INSERT INTO bundles (id, path, loaded_at, complete) VALUES (1, 'x', 'now', 1)`).run();
    bare.prepare(`INSERT INTO artifact_names (id, name) VALUES (1, 'cmd/x.out')`).run();
    bare.prepare(`INSERT INTO artifact_rows (bundle_id, no, name_id) VALUES (1, 1, 1)`).run();
    const key = bare.prepare(`INSERT INTO setting_keys (id, namespace, key, mode) VALUES (?, 'mlxconfig', ?, 'current')`);
    for (let k = 0; k < 700; k++) key.run(k, `param_${k}`);
    const dev = bare.prepare(`INSERT INTO device_nos (bundle_id, no, device_key) VALUES (1, ?, ?)`);
    for (let d = 0; d < 256; d++) dev.run(d + 1, values[d]!.dev);
    const ins = bare.prepare(`INSERT INTO setting_rows (bundle_id, device_no, key_id, seq, value, artifact_no) VALUES (?, ?, ?, ?, ?, ?)`);
    let t0 = performance.now();
    bare.transaction(() => {
      let seq = 0;
      for (const [i, v] of values.entries()) ins.run(1, (i % 256) + 1, i % 700, ++seq, v.value, 1);
    })();
    bareRuns.push(performance.now() - t0);
    bare.close();

    sinkRuns.push(sinkRun({ openDatabase, SqliteSink, shippedFacts, describeVersion }, values));
    if (baseModules) baseRuns.push(sinkRun(baseModules, values));
  }
  const bareRate = rows / (median(bareRuns) / 1000);
  const sinkRate = rows / (median(sinkRuns) / 1000);
  const ratio = sinkRate / bareRate;
  console.log(`2. loading ${rows} rows: fact sink ${(sinkRate / 1000).toFixed(0)}k rows/s vs bare prepared inserts ${(bareRate / 1000).toFixed(0)}k rows/s (medians of 5): ratio ${ratio.toFixed(2)}; target ≥ 0.50: ${verdict(ratio >= 0.5)}`);
  if (base) {
    const baseRate = rows / (median(baseRuns) / 1000);
    console.log(`   base build's fact sink, same rounds: ${(baseRate / 1000).toFixed(0)}k rows/s, ratio ${(baseRate / bareRate).toFixed(2)}`);
  }
  void Database;
}

async function bigRegisterBundle(): Promise<void> {
  const mb = Number(process.env.FWSNAP_BENCH_REGS_MB ?? 1024);
  const path = join(dir, 'regs.tar.gz');
  const w = new BundleWriter(path);
  const chunk = 4 * 1024 * 1024;
  for (let i = 0; i < mb / 4; i++) {
    const ifname = `eth${i}`;
    const header = Buffer.alloc(12);
    header.writeUInt32LE(4, 0);
    header.writeUInt32LE(1, 4);
    header.writeUInt32LE(chunk, 8);
    const data = Buffer.concat([header, randomBytes(chunk)]);
    await w.add({ name: `ioctl/net/${ifname}/regs.bin`, source: 'net', origin: { kind: 'ioctl', class: 'net', device: ifname, request: 'SIOCETHTOOL', requestNumber: 0x8946, what: 'regs' }, truncated: false }, data);
    await w.add({ name: `sys/class/net/${ifname}/address`, source: 'net', origin: { kind: 'file', path: `/sys/class/net/${ifname}/address` }, truncated: false }, Buffer.from('00:11:22:33:44:55\n'));
  }
  await w.finish({
    format: FORMAT_NAME, formatVersion: FORMAT_VERSION, tool: { name: 'fwsnap', version: 'bench' },
    host: { hostname: 'bench', kernelRelease: '6.1.0', machine: 'x86_64', time: new Date().toISOString(), uid: 0, root: true, collectedFrom: 'tree' },
    options: { timeoutSeconds: 10, includeEeprom: false, replayTree: true }, sources: [], issues: [],
  });
  const times: number[] = [];
  const cpu: number[] = [];
  let peak = 0;
  for (let run = 0; run < 3; run++) {
    const db = join(dir, `regs-${run}.db`);
    const r = timeCommand([process.execPath, cli, 'analyze', path, '--db', db, '--format', 'json']);
    if (r.status !== 0 && r.status !== 1) throw new Error(`analyze failed (${r.status}): ${r.stderr.slice(-2000)}`);
    rmSync(db, { force: true });
    times.push(r.ms / 1000);
    cpu.push(r.cpuMs / 1000);
    peak = Math.max(peak, r.maxRssKb / 1024);
  }
  const s = median(times);
  console.log(`3. analyze a bundle of ${mb} MiB register dumps: median ${s.toFixed(1)} s over 3 runs (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}; CPU median ${median(cpu).toFixed(1)} s), target ≤ 10 s: ${verdict(s <= 10)}; highest peak RSS ${peak.toFixed(0)} MB, target ≤ 300 MB: ${verdict(peak <= 300)}; load average ${loadavg()[0]!.toFixed(2)}`);
}

async function manyEmptyEntries(): Promise<void> {
  // With manifest.json, the most a bundle may hold (DEFAULT_LIMITS.maxEntries).
  const entries = DEFAULT_LIMITS.maxEntries - 1;
  const path = join(dir, 'empty-entries.tar.gz');
  await writeGeneratedBundle(path, Array.from({ length: entries }, (_, i) => ({
    name: `sys/devices/pci0000:${(i >> 12).toString(16).padStart(2, '0')}/0000:${((i >> 4) & 0xff).toString(16).padStart(2, '0')}:00.${i & 7}/empty${i & 15}`,
    size: 0,
    pieces: () => [],
  })));
  for (const [who, main] of [['', cli], ...(base ? [['   base build: ', base.cli]] : [])] as [string, string][]) {
    const r = timeCommand([process.execPath, main, 'analyze', path, '--format', 'json']);
    if (r.status !== 0 && r.status !== 1) throw new Error(`analyze failed (${r.status}): ${r.stderr.slice(-2000)}`);
    const peak = r.maxRssKb / 1024;
    console.log(`${who || '4. '}analyze a bundle of ${entries.toLocaleString('en')} empty entries and their manifest: peak RSS ${peak.toFixed(0)} MB, target ≤ 300 MB: ${verdict(peak <= 300)}; ${(r.ms / 1000).toFixed(1)} s wall, ${(r.cpuMs / 1000).toFixed(1)} s CPU; load average ${loadavg()[0]!.toFixed(2)}`);
  }
}

/** A digest of every table and view of an analysis database, row by row in stored order (the load time left out). */
function contentDigest(path: string): Map<string, string> {
  const d = openReadOnly(path);
  const out = new Map<string, string>();
  const names = d.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  for (const name of names) {
    const h = createHash('sha256');
    let n = 0;
    for (const row of d.prepare(`SELECT * FROM "${name}"`).raw().iterate() as Iterable<unknown[]>) {
      h.update(JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? String(v) : v))).replace(/"\d{4}-\d\d-\d\dT[^"]*"/g, '"T"'));
      n++;
    }
    out.set(name, `${n} rows ${h.digest('hex').slice(0, 16)}`);
  }
  d.close();
  return out;
}

interface LogRuns {
  load: number[];
  analyze: number[];
  wall: number[];
  peak: number;
  rows: number;
  digest?: Map<string, string>;
}

/** One round of a build on `path`: `fwsnap query` (the bundle loaded alone, its rules run) and `fwsnap analyze`, CPU seconds of each. */
function kernelLogRound(cliPath: string, path: string, runs: LogRuns, tag: string): void {
  const q = timeCommand([process.execPath, cliPath, 'query', path, 'SELECT count(*) AS n FROM kernel_log', '--format', 'json']);
  if (q.status !== 0) throw new Error(`query failed (${q.status}): ${q.stderr.slice(-2000)}`);
  runs.load.push(q.cpuMs / 1000);
  const db = join(dir, `kmsg-${tag}.db`);
  const r = timeCommand([process.execPath, cliPath, 'analyze', path, '--db', db, '--format', 'json']);
  if (r.status !== 0 && r.status !== 1) throw new Error(`analyze failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const d = new Database(db, { readonly: true });
  runs.rows = (d.prepare(`SELECT count(*) AS n FROM kernel_log`).get() as { n: number }).n;
  d.close();
  runs.digest ??= contentDigest(db);
  rmSync(db, { force: true });
  runs.analyze.push(r.cpuMs / 1000);
  runs.wall.push(r.ms / 1000);
  runs.peak = Math.max(runs.peak, r.maxRssKb / 1024);
}

async function bigKernelLog(): Promise<void> {
  // Analyze parses an entry of up to 16 MiB: a million records of 16 bytes, and 16 MiB of a busy storage host's lines.
  const lines = 1_000_000;
  const short = Buffer.from('6,1,0,-;xxxxxxx\n'.repeat(10_000));
  const cases = [
    { what: 'short records', path: join(dir, 'kmsg-short.tar.gz'), size: lines * 16, pieces: function* () { for (let i = 0; i < lines / 10_000; i++) yield short; } },
    { what: 'storage-host lines', path: join(dir, 'kmsg-host.tar.gz'), size: 16 * 1024 * 1024, pieces: kernelLogText(16 * 1024 * 1024) },
  ];
  const rounds = base ? 5 : 3;
  const fresh = (): LogRuns => ({ load: [], analyze: [], wall: [], peak: 0, rows: 0 });
  for (const c of cases) {
    await writeGeneratedBundle(c.path, [{ name: 'dev/kmsg', size: c.size, pieces: c.pieces }]);
    const mine = fresh();
    const theirs = fresh();
    // Which build goes first changes from round to round.
    for (let i = 0; i < rounds; i++) {
      if (base && i % 2) kernelLogRound(base.cli, c.path, theirs, 'base');
      kernelLogRound(cli, c.path, mine, 'this');
      if (base && !(i % 2)) kernelLogRound(base.cli, c.path, theirs, 'base');
    }
    const cpu = (r: LogRuns): string => `load alone (query) CPU median ${median(r.load).toFixed(2)} s, analyze CPU median ${median(r.analyze).toFixed(2)} s (wall ${median(r.wall).toFixed(2)} s), highest peak RSS ${r.peak.toFixed(0)} MB`;
    console.log(`5. a bundle whose kernel log holds ${mine.rows.toLocaleString('en')} ${c.what} (${(c.size / 1024 / 1024).toFixed(1)} MiB), ${rounds} rounds: ${cpu(mine)}; load average ${loadavg()[0]!.toFixed(2)}`);
    if (base) {
      console.log(`   base build, alternating with it: ${cpu(theirs)}`);
      const differ = [...new Set([...mine.digest!.keys(), ...theirs.digest!.keys()])].filter((t) => mine.digest!.get(t) !== theirs.digest!.get(t));
      console.log(`   database content, every table and view: ${differ.length ? `DIFFERS in ${differ.join(', ')}` : `the same in both builds (${mine.digest!.size} tables and views)`}`);
    }
  }
}

const parts = process.argv.slice(2);
const wanted = (part: string): boolean => parts.length === 0 || parts.includes(part);
try {
  if (wanted('1')) analyzeLatency();
  if (wanted('2')) await loadRate();
  if (wanted('3')) await bigRegisterBundle();
  if (wanted('4')) await manyEmptyEntries();
  if (wanted('5')) await bigKernelLog();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
