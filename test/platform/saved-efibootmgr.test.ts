/**
 * A saved `efibootmgr` or `efibootmgr -v` in a tree that `collect --root` reads gives the UEFI boot manager's
 * variables (BootCurrent, BootNext, Timeout, BootOrder, each load option's label, state and device path) as settings
 * of the platform: the real outputs of test/platform/fixtures/real/efibootmgr (provenance beside each), under the names
 * people give them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseEfibootmgr } from '../../analyzer/classes/platform/efibootmgr.js';
import { savedEfibootmgrArgv } from '../../collector/classes/platform/saved-efibootmgr.js';
import { defaultRulesDir, loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import type { Rule } from '../../analyzer/rules/types.js';
import { replayTree } from '../helpers/replay-tree.js';

const REAL = new URL('./fixtures/real/efibootmgr/', import.meta.url);
const samples = readdirSync(REAL).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''));
const textOf = (name: string): string => readFileSync(new URL(`${name}.txt`, REAL), 'utf8');
interface Truth {
  boot_current: string;
  boot_current_label: string;
  boot_next?: string;
  timeout?: number;
  boot_order: string;
  options: number;
  labels: Record<string, string>;
  files: Record<string, string>;
  unread_lines: number;
}
const provenanceOf = (name: string): { saved_as: string; truth: Truth } => parse(readFileSync(new URL(`${name}.provenance.yaml`, REAL), 'utf8')) as { saved_as: string; truth: Truth };

let rules: readonly Rule[] | undefined;

async function bootOf(files: Record<string, string>): Promise<{ settings: Record<string, string>; lineIssues: number; unknownNames: number; alarms: string[]; unread: string[] }> {
  const r = await replayTree(files);
  try {
    const rows = r.db.prepare(`SELECT key, value FROM settings WHERE device_key = 'platform' AND namespace = 'efi-boot'`).all() as { key: string; value: string }[];
    const count = (code: string): number => (r.db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = ?`).get(code) as { n: number }).n;
    const bundle = (r.db.prepare('SELECT id FROM bundles').get() as { id: number }).id;
    rules ??= loadRules(defaultRulesDir());
    const alarms = [...new Set(runRules(r.db, bundle, rules).filter((o) => o.result === 'fail' && (o.severity === 'high' || o.severity === 'critical')).map((o) => o.ruleId))].sort();
    const unread = (r.db.prepare(`SELECT name FROM artifacts WHERE name LIKE 'unread/%'`).all() as { name: string }[]).map((a) => a.name);
    return { settings: Object.fromEntries(rows.map((x) => [x.key, x.value])), lineIssues: count('PARSE-LINE'), unknownNames: count('UNKNOWN_NAME'), alarms, unread };
  } finally {
    r.db.close();
  }
}

describe('saved names', () => {
  it('the listing with or without -v, labels; an option that changes a variable is not read', () => {
    for (const n of ['cmd/efibootmgr/efibootmgr.txt', 'cmd/efibootmgr/efibootmgr_srv01.log']) expect(savedEfibootmgrArgv(n), n).toEqual(['efibootmgr']);
    for (const n of ['cmd/efibootmgr/efibootmgr -v.txt', 'cmd/efibootmgr/efibootmgr-v.log', 'cmd/efibootmgr/sudo efibootmgr -v srv01.txt', 'cmd/efibootmgr/-v.out']) expect(savedEfibootmgrArgv(n), n).toEqual(['efibootmgr', '-v']);
    for (const n of ['cmd/efibootmgr/efibootmgr -o 2,1.txt', 'cmd/efibootmgr/efibootmgr -b 2 -B.txt', 'cmd/efibootmgr/efibootmgr -n 0003.txt']) expect(savedEfibootmgrArgv(n), n).toBeUndefined();
  });

  it('an option that changes a variable saved is UNKNOWN_NAME', async () => {
    const got = await bootOf({ 'efibootmgr -o 0003,0000.txt': textOf('framework-12-trixie-efibootmgr-18-tabs') });
    expect(got.settings).toEqual({});
    expect(got.unknownNames).toBe(1);
  });
});

describe('what efibootmgr prints', () => {
  it('an option without its * is inactive; a line it does not print is an issue with its number', () => {
    const got = parseEfibootmgr('BootCurrent: 0001\nBootOrder: 0001,0000\nBoot0000  old\tHD(1,GPT,x,0x800,0x100)/File(\\EFI\\old.efi)\nBoot0001* new\tHD(1,GPT,x,0x800,0x100)/File(\\EFI\\new.efi)\nthat is all\n');
    expect(got.options.map((o) => [o.name, o.active, o.label, o.file])).toEqual([['Boot0000', false, 'old', '\\EFI\\old.efi'], ['Boot0001', true, 'new', '\\EFI\\new.efi']]);
    expect(got.issues.map((i) => i.line)).toEqual([5]);
  });

  it('a host without EFI variables says so, and nothing else is read', () => {
    const got = parseEfibootmgr('EFI variables are not supported on this system.\n');
    expect(got.noEfiVariables).toBe(true);
    expect(got.issues).toEqual([]);
  });
});

describe('a saved efibootmgr read from a captured tree', () => {
  for (const name of samples) {
    it(`${name}: under its published name and as efibootmgr.txt, the variables and options of its truth`, async () => {
      const { saved_as, truth } = provenanceOf(name);
      for (const saveAs of [saved_as, 'efibootmgr.txt']) {
        const got = await bootOf({ [saveAs]: textOf(name) });
        const s = got.settings;
        expect(s.boot_current, saveAs).toBe(truth.boot_current);
        expect(s.boot_current_label, saveAs).toBe(truth.boot_current_label);
        expect(s.boot_next, saveAs).toBe(truth.boot_next);
        expect(s.timeout === undefined ? undefined : Number(s.timeout), saveAs).toBe(truth.timeout);
        expect(s.boot_order, saveAs).toBe(truth.boot_order);
        expect(Object.keys(s).filter((k) => k.endsWith('.label')), saveAs).toHaveLength(truth.options);
        for (const [option, label] of Object.entries(truth.labels)) expect(s[`${option}.label`], `${saveAs} ${option}`).toBe(label);
        for (const [option, file] of Object.entries(truth.files)) expect(s[`${option}.file`], `${saveAs} ${option}`).toBe(file);
        expect(got.lineIssues, saveAs).toBe(truth.unread_lines);
        expect(got.unknownNames, saveAs).toBe(0);
        expect(got.alarms, saveAs).toEqual([]);
        expect(got.unread, saveAs).toEqual([]);
      }
    });
  }
});
