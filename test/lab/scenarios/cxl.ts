import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CXL_DENIED } from '../../../collector/classes/cxl/attributes.js';
import { analyzeLabBundle } from '../lab-analyze.js';
import { CXL_QEMU_FW_REVISION, CXL_WITH_SERIAL, PROJECT_DIR, type LabRun } from '../lab-machine.js';

const RULE = 'cxl.serial-missing';

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

    it('the cxl source opened none of the attributes that erase, poison-scan or upload', () => {
      const opened = [...(lab().text('strace.txt') ?? '').matchAll(/\bopen(?:at2?)?\((?:-?\w+, )?"(\/sys\/[^"]*)"/g)].map((m) => m[1]!);
      const cxl = opened.filter((p) => /\/mem\d+\//.test(p));
      expect(cxl.some((p) => p.endsWith('/firmware_version'))).toBe(true);
      const denied = new Set<string>(CXL_DENIED);
      expect(cxl.filter((p) => denied.has(p.slice(p.lastIndexOf('/') + 1)))).toEqual([]);
    });
  });
}
