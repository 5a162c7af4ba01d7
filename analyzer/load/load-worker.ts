/**
 * A loader thread of `fwsnap analyze --jobs N` (analyzer/load/load-pool.ts): reads, gunzips, verifies and
 * parses one bundle at a time into its own in-memory database, exactly as loadBundle does on the main thread,
 * and sends the rows to the one writer. Nothing here writes the analysis database.
 */
import { basename } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/database.js';
import { setUndeclaredFactPolicy } from '../facts/contract.js';
import { clearBundles, exportBundleRows } from './bundle-rows.js';
import { BundleUnusable, loadBundle } from './load-bundle.js';
import type { LoadPoolData, WorkerReply, WorkerRequest } from './load-pool.js';

if (!parentPort) throw new Error('load-worker runs as a worker thread of fwsnap analyze');
const port = parentPort;
// The same policy for undeclared facts as the process that started it (tests make it throw).
setUndeclaredFactPolicy((workerData as LoadPoolData).undeclared);
const db = openDatabase(':memory:');

/** FWSNAP_TEST_HOOK=load-worker:exit:NAME — the thread loading bundle NAME stops, as a crash would. */
function testHook(path: string): void {
  const hook = process.env.FWSNAP_TEST_HOOK;
  if (hook === `load-worker:exit:${basename(path)}`) process.exit(70);
  if (hook === `load-worker:throw:${basename(path)}`) throw new RangeError('planted failure');
}

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  try {
    testHook(req.path);
    const load = await loadBundle(db, req.path, { recordedPath: req.recordedPath });
    const { bundleId, alreadyLoaded: _a, replaced: _r, ...outcome } = load;
    return { seq: req.seq, kind: 'loaded', loaded: exportBundleRows(db, bundleId, outcome) };
  } catch (e) {
    if (e instanceof BundleUnusable) return { seq: req.seq, kind: 'unusable', problems: e.problems };
    const err = e as NodeJS.ErrnoException;
    return { seq: req.seq, kind: 'failed', name: err.name ?? 'Error', message: err.message ?? String(e), code: err.code };
  } finally {
    clearBundles(db);
  }
}

port.on('message', (req: WorkerRequest) => {
  void handle(req).then((reply) => port.postMessage(reply));
});
