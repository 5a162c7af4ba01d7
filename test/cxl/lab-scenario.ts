import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCxlList } from '../../analyzer/classes/cxl/cxl-list.js';
import { CXL_DENIED } from '../../collector/classes/cxl/attributes.js';
import { CXL_MEM_QUERY_COMMANDS, CXL_MEM_SEND_COMMAND } from '../../collector/classes/cxl/mailbox-uapi.js';
import { analyzeLabBundle } from '../lab/lab-analyze.js';
import { PROJECT_DIR, type LabRun } from '../lab/lab-machine.js';
import type { LabMachinePart } from '../lab/harness/machine-part.js';

/**
 * Two CXL memory devices on one host bridge: one with a Device Serial Number (cxl.serial-missing stays quiet), one
 * without (QEMU adds no DSN capability and the kernel reads serial 0: the rule fires).
 */
export const CXL_WITH_SERIAL = { id: 'cxl-mem-sn', serial: '0x5a5a00c0ffee0001' } as const;
export const CXL_NO_SERIAL = { id: 'cxl-mem-nosn' } as const;
/** QEMU 7.2's Identify Memory Device answer (hw/cxl/cxl-mailbox-utils.c: "BWFW VERSION %02d" of 0). */
export const CXL_QEMU_FW_REVISION = 'BWFW VERSION 00';

/**
 * The two memory devices on one CXL host bridge. The CXL root (ACPI0017, cxl_acpi) is on no modalias bus; cxl_pci
 * binds the memory devices by PCI class, cxl_port and cxl_mem then bind the ports and memdevs on the cxl bus.
 */
export const cxlLabPart: LabMachinePart = {
  devices: [
    { kind: 'cxl-host-bridge', id: 'cxl-hb', busNr: 0x30, windowGiB: 4 },
    { kind: 'cxl-type3', bridge: 'cxl-hb', port: 0, chassis: 3, slot: 0, ...CXL_WITH_SERIAL },
    { kind: 'cxl-type3', bridge: 'cxl-hb', port: 1, chassis: 3, slot: 1, ...CXL_NO_SERIAL },
  ],
  wait: ['/sys/bus/cxl/devices/mem0', '/sys/bus/cxl/devices/mem1'],
  buses: ['pci'],
  modules: ['cxl_acpi', 'cxl_port', 'cxl_mem'],
  // ndctl's view of the memory devices, to compare with what fwsnap read from sysfs (the collector never runs cxl); the
  // firmware slots (Get FW Info) as ndctl reads them: -F exists from ndctl v78, older ones refuse the switch.
  tools: [{
    ifExists: '/sys/bus/cxl/devices/mem0',
    runs: [
      { output: 'cxl-list', argv: ['cxl', 'list', '-M', '-i'] },
      { output: 'cxl-list-fw', argv: ['cxl', 'list', '-M', '-F'] },
    ],
  }],
};

const RULE = 'cxl.serial-missing';
const STAGED_RULE = 'cxl.firmware-activation-pending';
/**
 * What QEMU 7.2's cxl-type3 answers to Get FW Info (hw/cxl/cxl-mailbox-utils.c, cmd_firmware_update_get_info): two
 * slots, slot_info BIT(0) | BIT(3) — slot 1 active and slot 1 staged — and "BWFW VERSION 0" in slot 1. QEMU 7.2 has
 * no Transfer FW or Activate FW, so no other slot can be staged in the lab: the staged-slot rule can only stay quiet
 * here (it fires from raw bytes through the fake host, test/cxl/mailbox.test.ts and test/rules).
 */
const QEMU_72_FW_INFO = { num_slots: 2, active_slot: 1, staged_slot: 1, slots: { 1: 'BWFW VERSION 0' } } as const;

/** `fwsnap query` of the guest's bundle, as JSON rows. */
function query(lab: LabRun, sql: string): Record<string, unknown>[] {
  const r = spawnSync(process.execPath, [join(PROJECT_DIR, 'dist/cli/main.js'), 'query', join(lab.outDir, 'bundle.tar.gz'), sql, '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`fwsnap query exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>[];
}

/** One memory device as `cxl list -M` (ndctl) prints it in the guest. */
interface ListedMemdev {
  memdev: string;
  serial: number | string;
  pmem_size?: number;
  host?: string;
}

export function cxlScenario(lab: () => LabRun): void {
  describe('CXL: two cxl-type3 memory devices behind a pxb-cxl host bridge, cxl_acpi/cxl_pci/cxl_mem in the guest', () => {
    // Serials are 64-bit: read them as the digits cxl list printed, not as doubles.
    const listed = (): ListedMemdev[] => JSON.parse(lab().tool('cxl-list').toString('utf8').replace(/("serial"\s*:\s*)(\d+)/g, '$1"$2"')) as ListedMemdev[];
    const stored = (): { key: string; serial: string | null; parent: string | null }[] =>
      query(lab(), "SELECT * FROM devices WHERE class = 'cxl'").map((r) => ({ key: String(r.device_key), serial: (r.serial as string | null) ?? null, parent: (r.parent_key as string | null) ?? null }));

    it('cxl list in the guest sees both memory devices: one with the serial the lab gave it, one with serial 0', () => {
      const serials = listed().map((m) => BigInt(m.serial)).sort();
      expect(serials).toEqual([0n, BigInt(CXL_WITH_SERIAL.serial)]);
    });

    it('fwsnap stored each memdev cxl list shows, with its serial (0 as none), PCI function and persistent size', () => {
      const devices = stored();
      const settings = query(lab(), "SELECT device_key, key, value FROM settings WHERE namespace = 'cxl' AND key IN ('pmem_size', 'dsn_present')");
      const setting = (d: string, k: string): unknown => settings.find((s) => s.device_key === d && s.key === k)?.value;
      expect(devices.map((d) => d.key).sort()).toEqual(listed().map((m) => `cxl:${m.memdev}`).sort());
      for (const m of listed()) {
        const d = devices.find((x) => x.key === `cxl:${m.memdev}`)!;
        const serial = BigInt(m.serial);
        expect(d.serial, m.memdev).toBe(serial === 0n ? null : `0x${serial.toString(16)}`);
        expect(setting(d.key, 'dsn_present'), m.memdev).toBe(serial === 0n ? '0' : '1');
        if (m.host) expect(d.parent, m.memdev).toBe(m.host);
        if (m.pmem_size !== undefined) expect(Number(setting(d.key, 'pmem_size')), m.memdev).toBe(m.pmem_size);
      }
    });

    it('fwsnap stored the FW Revision QEMU\'s Identify Memory Device answers, as the running firmware of each memdev', () => {
      const fw = query(lab(), "SELECT device_key, version FROM firmware WHERE component = 'firmware' AND state = 'running' AND device_key LIKE 'cxl:%' ORDER BY device_key");
      expect(fw.map((r) => r.version)).toEqual(stored().map(() => CXL_QEMU_FW_REVISION));
      expect(lab().bundle().get('sys/bus/cxl/devices/mem0/firmware_version').toString().trim()).toBe(CXL_QEMU_FW_REVISION);
    });

    it('the collector never ran cxl (libcxl writes /sys/bus/cxl/flush while it walks the ports) and wrote nothing under /sys/bus/cxl', () => {
      expect(lab().bundle().names(/^cmd\/cxl\//)).toEqual([]);
      const log = lab().text('strace.txt') ?? '';
      expect(log).toContain('/sys/bus/cxl/devices/mem0/firmware_version');
      expect(log).not.toContain('/sys/bus/cxl/flush');
    });

    it(`\`fwsnap analyze\` fires ${RULE} on the memdev without a Device Serial Number and passes the other`, () => {
      const report = analyzeLabBundle(lab());
      const noSerial = stored().filter((d) => d.serial === null).map((d) => d.key);
      expect(noSerial).toHaveLength(1);
      expect(report.findings.filter((f) => f.rule === RULE).map((f) => f.device)).toEqual(noSerial);
      expect([...report.skipped, ...report.errors].filter((s) => s.rule === RULE)).toEqual([]);
    });

    it('fwsnap asked each memdev Get FW Info through the mailbox ioctl and stored the slots the device answers (cxl list -F where the guest\'s ndctl has it, else QEMU 7.2\'s values)', () => {
      const b = lab().bundle();
      const memdevs = stored().map((d) => d.key.slice('cxl:'.length));
      const settings = query(lab(), "SELECT device_key, key, value FROM settings WHERE namespace = 'cxl' AND key IN ('num_slots', 'active_slot', 'staged_slot', 'activation_pending')");
      const slots = query(lab(), "SELECT device_key, state, version FROM firmware WHERE device_key LIKE 'cxl:%' AND state LIKE 'slot-%' ORDER BY device_key, state");
      // ndctl learnt -F (--firmware) in v78; Debian 12's 76.1 refuses the switch.
      const fwList = lab().text('tools/cxl-list-fw.status')?.trim() === '0' ? parseCxlList(lab().text('tools/cxl-list-fw.out') ?? '').memdevs : undefined;
      if (!fwList) expect(lab().text('tools/cxl-list-fw.err')).toMatch(/unknown switch .F/);
      for (const m of memdevs) {
        expect(b.names(new RegExp(`^ioctl/cxl/${m}/`)), m).toEqual([`ioctl/cxl/${m}/get-fw-info.bin`, `ioctl/cxl/${m}/query-commands.bin`]);
        expect(b.get(`ioctl/cxl/${m}/get-fw-info.bin`).length, m).toBe(0x50);
        const listed = fwList?.find((x) => x.memdev === m)?.firmware;
        const want = listed
          ? { num_slots: listed.numSlots, active_slot: listed.activeSlot, staged_slot: listed.stagedSlot, slots: Object.fromEntries(listed.slots) }
          : QEMU_72_FW_INFO;
        const got = (k: string): number | undefined => {
          const v = settings.find((r) => r.device_key === `cxl:${m}` && r.key === k)?.value;
          return v === undefined ? undefined : Number(v);
        };
        expect({ num_slots: got('num_slots'), active_slot: got('active_slot'), staged_slot: got('staged_slot') }, m).toEqual({ num_slots: want.num_slots, active_slot: want.active_slot, staged_slot: want.staged_slot });
        expect(Object.fromEntries(slots.filter((r) => r.device_key === `cxl:${m}`).map((r) => [String(r.state).slice('slot-'.length), r.version])), m).toEqual(
          Object.fromEntries(Object.entries(want.slots).map(([k, v]) => [k, v])),
        );
        expect(got('activation_pending'), m).toBe(want.staged_slot !== undefined && want.staged_slot !== want.active_slot ? 1 : 0);
      }
    });

    it('the mailbox was reached through /dev/cxl/memN opened read-only, with the two allow-listed requests only', () => {
      const log = lab().text('strace.txt') ?? '';
      // "<pid> fd" → memdev; strace -f splits a call another thread interrupts into "<unfinished ...>" and "<... resumed>".
      const fds = new Map<string, string>();
      const pending = new Map<string, string>();
      for (const line of log.split('\n')) {
        const open = /^(\d+)\s+open(?:at2?)?\((?:-?\w+, )?"\/dev\/cxl\/(mem\d+)", (0x[0-9a-f]+|\d+)(.*)$/.exec(line);
        if (open) {
          expect(Number(open[3]) & 3, `${open[2]} open flags ${open[3]}`).toBe(0);
          const fd = /\)\s*=\s*(\d+)/.exec(open[4]!)?.[1];
          if (fd !== undefined) fds.set(`${open[1]} ${fd}`, open[2]!);
          else if (open[4]!.includes('<unfinished')) pending.set(open[1]!, open[2]!);
          continue;
        }
        const resumed = /^(\d+)\s+<\.\.\. open(?:at2?)? resumed>.*\)\s*=\s*(\d+)/.exec(line);
        if (resumed && pending.has(resumed[1]!)) {
          fds.set(`${resumed[1]} ${resumed[2]}`, pending.get(resumed[1]!)!);
          pending.delete(resumed[1]!);
        }
      }
      const memdevs = stored().map((d) => d.key.slice('cxl:'.length)).sort();
      expect([...new Set(fds.values())].sort()).toEqual(memdevs);
      // Each CXL request went to a memdev's node: one query and one Get FW Info per memdev (the audit scenario checks
      // that no other request was sent anywhere).
      const mailbox = new Set([CXL_MEM_QUERY_COMMANDS, CXL_MEM_SEND_COMMAND]);
      const calls = [...log.matchAll(/^(\d+)\s+ioctl\((\d+), (0x[0-9a-f]+)/gm)].filter((m) => mailbox.has(Number(m[3])));
      expect(calls.map((m) => `${fds.get(`${m[1]} ${m[2]}`)} 0x${Number(m[3]).toString(16)}`).sort()).toEqual(
        memdevs.flatMap((d) => [`${d} 0x${CXL_MEM_QUERY_COMMANDS.toString(16)}`, `${d} 0x${CXL_MEM_SEND_COMMAND.toString(16)}`]).sort(),
      );
    });

    it(`\`fwsnap analyze\` judges ${STAGED_RULE} on every memdev from the stored Get FW Info and stays quiet (the active slot is the staged one)`, () => {
      const report = analyzeLabBundle(lab());
      expect(report.findings.filter((f) => f.rule === STAGED_RULE)).toEqual([]);
      expect([...report.skipped, ...report.errors].filter((s) => s.rule === STAGED_RULE)).toEqual([]);
    });

    it('the cxl source opened none of the attributes that erase, poison-scan or upload', () => {
      const opened = [...(lab().text('strace.txt') ?? '').matchAll(/\bopen(?:at2?)?\((?:-?\w+, )?"(\/sys\/[^"]*)"/g)].map((m) => m[1]!);
      const cxl = opened.filter((p) => /\/mem\d+\//.test(p));
      expect(cxl.some((p) => p.endsWith('/firmware_version'))).toBe(true);
      const denied = new Set<string>(CXL_DENIED);
      expect(cxl.filter((p) => denied.has(p.slice(p.lastIndexOf('/') + 1)))).toEqual([]);
    });
  });
}
