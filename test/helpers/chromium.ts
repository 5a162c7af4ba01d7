import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's chromium (installed by .ci/run). Under CI a missing browser fails the HTML tests instead of skipping them. */
export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!CHROMIUM && process.env.CI === 'true') throw new Error('chromium is not installed but CI=true: the HTML report tests must run in CI (.ci/run installs it)');

export function chromium(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(CHROMIUM!, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--enable-logging=stderr', '--v=0', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 32 * 1024 * 1024,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** Console errors and uncaught exceptions as chromium logs them ("…:INFO:CONSOLE(3)] "Uncaught Error: …""). */
export const consoleErrors = (stderr: string): string[] => stderr.split('\n').filter((l) => /CONSOLE/.test(l) && /Uncaught|Error|Refused/i.test(l));
