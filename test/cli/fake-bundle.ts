import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { FAKEHOST, fwsnap } from './cli-helpers.js';

/** A directory for a whole describe block (created in beforeAll, removed after the file's tests). */
export function suiteDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fwsnap-suite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Collects a host tree (the fake host unless told) into dir/name. */
export function collectTree(dir: string, name: string, root = FAKEHOST): string {
  const out = join(dir, name);
  const r = fwsnap(['collect', '--root', root, '-o', out]);
  expect(r.status, r.stderr).toBe(0);
  return out;
}
