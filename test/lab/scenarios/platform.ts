import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TPM_ATTRIBUTES, TPM_DENIED } from '../../../collector/classes/platform/firmware-parts.js';
import { parseTpm2Properties } from '../../../analyzer/classes/platform/tpm2-getcap.js';
import type { InventoryDevice } from '../../../analyzer/report/inventory.js';
import { analyzeLabBundle } from '../lab-analyze.js';
import { LAB_BMC, PROJECT_DIR, type LabRun } from '../lab-machine.js';

/** `ipmitool mc info`'s "Label : value" lines (ipmitool 1.8). */
export function parseMcInfo(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^(\S[^:]*?)\s*:\s*(.*?)\s*$/.exec(line);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

const RULE = 'platform.bmc-dell-oem-data-quirk';

export function platformScenario(lab: () => LabRun): void {
  const inventory = (cls: string): InventoryDevice[] => analyzeLabBundle(lab()).inventory.filter((d) => d.class === cls);
  const opened = (): string[] => [...(lab().text('strace.txt') ?? '').matchAll(/\bopen(?:at2?)?\((?:-?\w+, )?"(\/sys\/[^"]*)"/g)].map((m) => m[1]!);

  describe('TPM 2.0: tpm-crb backed by swtpm, tpm_crb in the guest', () => {
    const getcap = (): Map<string, { raw?: number; value?: string }> => parseTpm2Properties(lab().tool('tpm2_getcap-properties-fixed').toString('utf8')).properties;

    it('the kernel says TPM 2.0, and fwsnap stored that', () => {
      expect(lab().bundle().get('sys/class/tpm/tpm0/tpm_version_major').toString().trim()).toBe('2');
    });

    it('fwsnap\'s TPM has the manufacturer and firmware version tpm2_getcap reads in the guest', () => {
      const props = getcap();
      const manufacturer = props.get('TPM2_PT_MANUFACTURER')?.value;
      const v1 = props.get('TPM2_PT_FIRMWARE_VERSION_1')?.raw;
      const v2 = props.get('TPM2_PT_FIRMWARE_VERSION_2')?.raw;
      expect(manufacturer).toBeTruthy();
      expect(v1).toBeDefined();
      expect(v2).toBeDefined();
      const [tpm, ...others] = inventory('tpm');
      expect(others).toEqual([]);
      expect(tpm?.key).toBe('tpm:tpm0');
      expect(tpm?.model?.split(' ')[0]).toBe(manufacturer);
      // TPM2_PT_FIRMWARE_VERSION_1 holds major and minor in its 16-bit halves (TCG TPM 2.0 Part 2 §6.13);
      // TPM2_PT_FIRMWARE_VERSION_2 adds two more halves: tpm.full is the 64-bit version the kernel's AMD fTPM check compared.
      const half = (v: number): string => `${Math.floor(v / 0x10000)}.${v % 0x10000}`;
      expect(tpm?.firmware.map((f) => `${f.component} ${f.version}`).sort()).toEqual([`tpm ${half(v1!)}`, `tpm.full ${half(v1!)}.${half(v2!)}`]);
    });

    it('the tpm source read its allow-listed attribute and opened none of TPM_DENIED', () => {
      const tpmOpens = opened().filter((p) => /\/tpm\d+\//.test(p));
      expect(tpmOpens.some((p) => p.endsWith(`/${TPM_ATTRIBUTES[0]}`))).toBe(true);
      const denied = new Set<string>(TPM_DENIED);
      expect(tpmOpens.filter((p) => p.split('/').some((part) => denied.has(part)))).toEqual([]);
    });
  });

  describe('IPMI: an ipmi-bmc-sim BMC behind isa-ipmi-kcs, ipmi_si in the guest', () => {
    const mcInfo = (): Map<string, string> => {
      const interfaces = (lab().text('tools/ipmi.interfaces') ?? '').split('\n').filter(Boolean);
      expect(interfaces).toEqual(['0']);
      return parseMcInfo(lab().tool('ipmitool-mc-info-0').toString('utf8'));
    };
    /** The bmc rows fwsnap loaded from the bundle (`fwsnap query`: the inventory folds the BMC into the platform). */
    const bmc = (): { device_key: string; vendor_id: string | null; device_id: string | null; version: string | null } => {
      const r = spawnSync(process.execPath, [join(PROJECT_DIR, 'dist/cli/main.js'), 'query', join(lab().outDir, 'bundle.tar.gz'), "SELECT d.device_key, d.vendor_id, d.device_id, f.version FROM devices d LEFT JOIN firmware f ON f.bundle_id = d.bundle_id AND f.device_key = d.device_key AND f.component = 'bmc' WHERE d.class = 'bmc'", '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0) throw new Error(`fwsnap query exited ${r.status}: ${r.stderr}`);
      const rows = JSON.parse(r.stdout) as ReturnType<typeof bmc>[];
      expect(rows).toHaveLength(1);
      return rows[0]!;
    };

    it('ipmitool mc info reads the identity the lab chose, with the IPMI version QEMU imposes (2.0)', () => {
      const info = mcInfo();
      expect([info.get('Manufacturer ID'), info.get('Product ID'), info.get('Firmware Revision'), info.get('Device ID'), info.get('IPMI Version')])
        .toEqual([String(LAB_BMC.mfgId), `${LAB_BMC.productId} (0x${LAB_BMC.productId.toString(16).padStart(4, '0')})`, '1.40', String(LAB_BMC.deviceId), '2.0']);
    });

    it('fwsnap\'s BMC has the manufacturer, product and firmware revision ipmitool mc info reads, and the stored attributes its device id, revision, IPMI version and SDR flag', () => {
      const info = mcInfo();
      const b = bmc();
      expect(parseInt(b.vendor_id ?? '', 16)).toBe(Number(info.get('Manufacturer ID')));
      expect(parseInt(b.device_id ?? '', 16)).toBe(parseInt(/\(0x([0-9a-f]+)\)/i.exec(info.get('Product ID') ?? '')?.[1] ?? 'NaN', 16));
      expect(b.version).toBe(info.get('Firmware Revision'));
      const attr = (a: string): string => lab().bundle().get(`sys/devices/platform/${b.device_key.slice('bmc:'.length)}/${a}`).toString().trim();
      expect({ device_id: attr('device_id'), revision: attr('revision'), ipmi_version: attr('ipmi_version'), provides_device_sdrs: attr('provides_device_sdrs') === '1' ? 'yes' : 'no' })
        .toEqual({ device_id: info.get('Device ID'), revision: info.get('Device Revision'), ipmi_version: info.get('IPMI Version'), provides_device_sdrs: info.get('Provides Device SDRs') });
    });

    it(`\`fwsnap analyze\` looks at the Dell BMC with ${RULE} and passes it: IPMI 2.0 without the device-SDR bit is not the PowerEdge 8G BMC`, () => {
      const report = analyzeLabBundle(lab());
      expect(report.findings.filter((f) => f.rule === RULE)).toEqual([]);
      // It is a Dell BMC, so the rule selected it, and with every fact present it neither skipped nor failed: it passed.
      expect(parseInt(bmc().vendor_id ?? '', 16)).toBe(0x0002a2);
      expect([...report.skipped, ...report.errors].filter((s) => s.rule === RULE)).toEqual([]);
    });
  });
}
