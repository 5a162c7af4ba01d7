import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { qemuArgs, type GuestSpec } from './qemu-args.js';

export interface BootResult {
  /** QEMU's exit code, or null when it was killed. */
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  /** Path of the guest's serial console log (kernel console and the scenario's own progress lines). */
  consoleLog: string;
  /** The last lines of the console, for error messages. */
  consoleTail: string;
  /** Wall-clock ms since QEMU started at which each "lab: <phase>" console line arrived. */
  phases: Map<string, number>;
}

const PHASE_LINE = /^lab: (\S+) \(\d+ ms\)/gm;

const TAIL_BYTES = 4000;

/**
 * Boots the guest and waits until it powers off. The deadline always ends the VM (SIGKILL), as does the
 * exit of this process; the result says which way it ended.
 */
export function bootGuest(qemu: string, spec: GuestSpec, timeoutMs: number): Promise<BootResult> {
  const consoleLog = join(spec.outDir, 'console.log');
  const log = createWriteStream(consoleLog);
  // The console copy is best effort: a directory removed while the stream still opens (a QEMU that never started) must not become an uncaught error.
  log.on('error', () => undefined);
  const started = Date.now();
  const child = spawn(qemu, qemuArgs({ ...spec, deadlineSeconds: spec.deadlineSeconds ?? timeoutMs / 1000 + 5 }), { stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const phases = new Map<string, number>();
  const keep = (chunk: Buffer): void => {
    log.write(chunk);
    const seen = tail.length;
    tail += chunk.toString('utf8');
    // Scan from the start of the last incomplete line so a phase line split across chunks is still found.
    PHASE_LINE.lastIndex = tail.lastIndexOf('\n', seen - 1) + 1;
    for (let m = PHASE_LINE.exec(tail); m; m = PHASE_LINE.exec(tail)) if (!phases.has(m[1]!)) phases.set(m[1]!, Date.now() - started);
    tail = tail.slice(-TAIL_BYTES);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);

  return new Promise((resolve, reject) => {
    child.once('error', (e) => {
      clearTimeout(timer);
      process.removeListener('exit', killOnExit);
      log.end();
      reject(new Error(`cannot start ${qemu}: ${e.message}`));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      process.removeListener('exit', killOnExit);
      log.end(() => resolve({ exitCode: code, timedOut, durationMs: Date.now() - started, consoleLog, consoleTail: tail, phases }));
    });
  });
}
