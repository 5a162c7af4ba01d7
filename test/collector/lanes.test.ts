import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import type { WorkerMessage } from '../../collector/run/messages.js';
import { tempDir } from '../helpers/tmp.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/sources/${name}`, import.meta.url));

/** Device events as they arrive: which source, which device, when. */
function recorder(): { events: { source: string; id: string; at: number }[]; onEvent: (source: string, m: WorkerMessage) => void } {
  const events: { source: string; id: string; at: number }[] = [];
  return { events, onEvent: (source, m) => void (m.type === 'device' && events.push({ source, id: m.id, at: Date.now() })) };
}

// Workers are opened lazily (collector/run/runner.ts): one for quick sources, another beside a source that waits.
describe('source lanes', () => {
  beforeAll(() => {
    if (!existsSync(new URL('../../dist/collector/run/worker-main.cjs', import.meta.url))) execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
  });

  // A lane opens when a source's worker runs 200 ms without waiting for a CPU; on a loaded machine a quick source
  // can cross that now and then, so a run may be repeated — three runs that all open a second lane still fail.
  it('quick sources run one after another in one worker process', { retry: 2, timeout: 60_000 }, async () => {
    const r = recorder();
    const out = join(tempDir(), 'b.tar.gz');
    const res = await collect({ output: out, timeoutSeconds: 60, onEvent: r.onEvent, sources: ['a', 'b', 'c'].map((n) => ({ name: `quick-${n}`, modulePath: fixture('pid.mjs') })) });
    expect(res.manifest.sources.map((s) => s.status)).toEqual(['ok', 'ok', 'ok']);
    expect(r.events.map((e) => e.source)).toEqual(['quick-a', 'quick-b', 'quick-c']);
    const pids = new Set(r.events.map((e) => e.id));
    expect(pids.size).toBe(1);
    expect([...pids][0]).not.toBe(String(process.pid));
  });

  it('a source that waits on its device gets a second worker beside it for the others', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    process.env.FWSNAP_TEST_FIFO = fifo;
    const r = recorder();
    const timeoutMs = 8000;
    const res = await collect({
      output: join(dir, 'b.tar.gz'),
      timeoutSeconds: timeoutMs / 1000,
      onEvent: r.onEvent,
      sources: [
        { name: 'wedged', modulePath: fixture('wedged.mjs') },
        { name: 'quick', modulePath: fixture('pid.mjs') },
      ],
    });
    expect(res.manifest.sources.map((s) => `${s.name} ${s.status}`)).toEqual(['wedged timed_out', 'quick ok']);
    const wedged = r.events.find((e) => e.source === 'wedged')!;
    const quick = r.events.find((e) => e.source === 'quick')!;
    // Beside it, not after its deadline: run one after the other, quick would come a whole timeout later.
    expect(quick.at - wedged.at).toBeLessThan(timeoutMs);
  }, 60_000);
});
