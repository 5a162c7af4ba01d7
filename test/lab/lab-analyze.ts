import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Report } from '../../analyzer/report/model.js';
import { PROJECT_DIR } from './lab-machine.js';
import type { LabRun } from './lab-results.js';

const reports = new Map<string, Report>();

/** `fwsnap analyze --format json` of the guest's bundle, run once on the host (analysis is offline). */
export function analyzeLabBundle(lab: LabRun): Report {
  const cached = reports.get(lab.outDir);
  if (cached) return cached;
  lab.bundle();
  const r = spawnSync(process.execPath, [join(PROJECT_DIR, 'dist/cli/main.js'), 'analyze', join(lab.outDir, 'bundle.tar.gz'), '--format', 'json'], {
    timeout: 60_000,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // 0: no findings, 1: findings; anything else means the analyzer could not do its job.
  if (r.status !== 0 && r.status !== 1) throw new Error(`fwsnap analyze exited ${r.status}: ${r.stderr || r.error?.message}`);
  const report = JSON.parse(r.stdout) as Report;
  reports.set(lab.outDir, report);
  return report;
}
