import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TPM_ATTRIBUTES, TPM_DENIED } from '../../collector/classes/platform/firmware-parts.js';
import { parseTpm2Properties } from '../../analyzer/classes/platform/tpm2-getcap.js';
import type { InventoryDevice } from '../../analyzer/report/inventory.js';
import { analyzeLabBundle } from '../lab/lab-analyze.js';
import { PROJECT_DIR, type LabRun } from '../lab/lab-machine.js';
import type { LabMachinePart } from '../lab/harness/machine-part.js';

/**
 * Two simulated Dell BMCs (IANA 0x0002A2, product 0x0100, device id 0x20: the Get Device ID answer of every iDRAC).
 * QEMU's ipmi-bmc-sim keeps only the low 4 bits of device_rev, and its realize sets the IPMI version to 2.0 and the
 * device id to 0x20 whatever the properties say, so neither can be the IPMI 1.5 PowerEdge 8G BMC that
 * platform.bmc-dell-oem-data-quirk looks for: both are its near misses (its firing cases are its raw-byte tests).
 * platform.dell-idrac-ipmi15-session-id (CVE-2014-8272) tells the iDRAC generation by the device revision: the
 * iDRAC6 at 1.40 (revision 0, below 1.98) fires, the iDRAC7 at 1.57 (revision 1, 1.57.57 is its fix) stays quiet.
 */
export const BMC_FIRING = { ioport: 0xca2, deviceId: 0x20, deviceRev: 0, fwrev1: 1, fwrev2: 0x40, ipmiVersion: 0x51, mfgId: 0x0002a2, productId: 0x0100, guid: '6f0c2a51-3e1d-4c77-9a0b-5d2f1e3c4b01' } as const;
export const BMC_QUIET = { ioport: 0xca8, deviceId: 0x20, deviceRev: 1, fwrev1: 1, fwrev2: 0x57, ipmiVersion: 0x02, mfgId: 0x0002a2, productId: 0x0100, guid: '6f0c2a51-3e1d-4c77-9a0b-5d2f1e3c4b02' } as const;

/**
 * A swtpm-backed TPM (the harness starts the swtpm and fills in its socket) and the two BMCs. Neither is on a bus a
 * modalias loads drivers for: the TPM is ACPI MSFT0101 (tpm_crb), the BMCs' KCS interfaces ACPI IPI0001 (ipmi_si);
 * ipmi_devintf gives ipmitool its /dev/ipmiN.
 */
export const platformLabPart: LabMachinePart = {
  devices: [
    { kind: 'tpm-crb', id: 'tpm-lab', socket: '' },
    { kind: 'ipmi-bmc', id: 'bmc-firing', ...BMC_FIRING },
    { kind: 'ipmi-bmc', id: 'bmc-quiet', ...BMC_QUIET },
  ],
  wait: ['/sys/class/tpm/tpm0', '/sys/devices/platform/ipmi_bmc.0', '/sys/devices/platform/ipmi_bmc.1'],
  modules: ['tpm_crb', 'ipmi_si', 'ipmi_devintf'],
  tools: [
    { ifExists: '/sys/class/tpm/tpm0', runs: [{ output: 'tpm2_getcap-properties-fixed', argv: ['tpm2_getcap', 'properties-fixed'] }] },
    // ipmitool on each IPMI interface ipmi_devintf made (/dev/ipmiN: tools/ipmi.interfaces lists the N).
    {
      each: { list: 'ipmi.interfaces', command: 'for d in /dev/ipmi[0-9]*; do [ -e "$d" ] && echo "${d#/dev/ipmi}"; done' },
      runs: [{ output: 'ipmitool-mc-info-{}', argv: ['ipmitool', '-I', 'open', '-d', '{}', 'mc', 'info'] }],
    },
    // The UEFI boot as the guest's kernel shows it: /sys/firmware/efi exists only then (its entries, and the firmware's
    // word size), and an ESRT directory only when the firmware publishes the table.
    {
      ifExists: '/sys/firmware/efi',
      runs: [
        { output: 'efi-entries', argv: ['ls', '-1', '/sys/firmware/efi'] },
        { output: 'efi-platform-size', argv: ['cat', '/sys/firmware/efi/fw_platform_size'] },
      ],
    },
  ],
};

/** `ipmitool mc info`'s "Label : value" lines (ipmitool 1.8). */
export function parseMcInfo(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^(\S[^:]*?)\s*:\s*(.*?)\s*$/.exec(line);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

const QUIRK_RULE = 'platform.bmc-dell-oem-data-quirk';
const IDRAC_RULE = 'platform.dell-idrac-ipmi15-session-id';

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

  describe('UEFI: OVMF (EDK II) starts the kernel; its firmware publishes no ESRT', () => {
    /** fwsnap's uefi settings of the platform, as `fwsnap query` reads them from the bundle. */
    const uefi = (): Record<string, string> => {
      const r = spawnSync(process.execPath, [join(PROJECT_DIR, 'dist/cli/main.js'), 'query', join(lab().outDir, 'bundle.tar.gz'), "SELECT key, value FROM settings WHERE device_key = 'platform' AND namespace = 'uefi'", '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0) throw new Error(`fwsnap query exited ${r.status}: ${r.stderr}`);
      return Object.fromEntries((JSON.parse(r.stdout) as { key: string; value: string }[]).map((x) => [x.key, x.value]));
    };
    /** The guest's own evidence: /sys/firmware/efi's entries and word size, and its dmesg's UEFI lines. */
    const entries = (): string[] => lab().tool('efi-entries').toString('utf8').split('\n').filter(Boolean);
    const dmesg = (): string => lab().tool('dmesg').toString('utf8');

    it('the guest booted through UEFI, and fwsnap stored that with the word size the guest\'s kernel shows', () => {
      expect(entries()).toContain('fw_platform_size');
      const stored = uefi();
      expect(stored.boot).toBe('uefi');
      expect(stored.platform_size).toBe(lab().tool('efi-platform-size').toString('utf8').trim());
    });

    it('the UEFI revision, vendor and secure boot state equal the guest\'s dmesg', () => {
      const header = /\] efi: EFI v(\S+) by (.+?)\s*$/m.exec(dmesg());
      const secure = /\] (?:secureboot: )?Secure boot (enabled|disabled|could not be determined)/m.exec(dmesg());
      expect(header?.[2]).toBe('EDK II');
      const stored = uefi();
      expect([stored.revision, stored.vendor, stored.secure_boot]).toEqual([header![1], header![2], secure?.[1]]);
    });

    it('the ESRT the guest does not have is stored as absent, and nothing about it is an error', () => {
      expect(entries()).not.toContain('esrt');
      expect(dmesg()).not.toMatch(/\] efi: .*\bESRT=/);
      expect(uefi().esrt).toBe('absent');
      const b = lab().bundle();
      expect(b.names(/^sys\/firmware\/efi\/esrt/)).toEqual([]);
      expect(b.manifest?.sources.find((s) => s.name === 'platform')?.status).toBe('ok');
      expect((b.manifest?.issues ?? []).filter((i) => /esrt|firmware\/efi/i.test(`${i.target} ${i.message}`))).toEqual([]);
      expect(analyzeLabBundle(lab()).findings.filter((f) => f.rule.startsWith('platform.esrt'))).toEqual([]);
    });
  });

  describe('IPMI: two ipmi-bmc-sim BMCs behind isa-ipmi-kcs, ipmi_si in the guest', () => {
    type Identity = { manufacturer: number; product: number; firmware: string; device_id: string; revision: string; ipmi_version: string; provides_device_sdrs: string };
    /** Each interface's `ipmitool mc info`, as the identity fields fwsnap keeps. */
    const mcInfos = (): Identity[] => {
      const interfaces = (lab().text('tools/ipmi.interfaces') ?? '').split('\n').filter(Boolean);
      expect(interfaces.sort()).toEqual(['0', '1']);
      return interfaces.map((n) => {
        const info = parseMcInfo(lab().tool(`ipmitool-mc-info-${n}`).toString('utf8'));
        return {
          manufacturer: Number(info.get('Manufacturer ID')),
          product: parseInt(/\(0x([0-9a-f]+)\)/i.exec(info.get('Product ID') ?? '')?.[1] ?? 'NaN', 16),
          firmware: info.get('Firmware Revision') ?? '',
          device_id: info.get('Device ID') ?? '',
          revision: info.get('Device Revision') ?? '',
          ipmi_version: info.get('IPMI Version') ?? '',
          provides_device_sdrs: info.get('Provides Device SDRs') ?? '',
        };
      });
    };
    /** The bmc rows fwsnap loaded from the bundle (`fwsnap query`: the inventory folds the BMC into the platform). */
    const bmcs = (): { device_key: string; vendor_id: string | null; device_id: string | null; version: string | null }[] => {
      const r = spawnSync(process.execPath, [join(PROJECT_DIR, 'dist/cli/main.js'), 'query', join(lab().outDir, 'bundle.tar.gz'), "SELECT d.device_key, d.vendor_id, d.device_id, f.version FROM devices d LEFT JOIN firmware f ON f.bundle_id = d.bundle_id AND f.device_key = d.device_key AND f.component = 'bmc' WHERE d.class = 'bmc' ORDER BY d.device_key", '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0) throw new Error(`fwsnap query exited ${r.status}: ${r.stderr}`);
      return JSON.parse(r.stdout) as ReturnType<typeof bmcs>;
    };
    const byFirmware = (a: { firmware: string }, b: { firmware: string }): number => a.firmware.localeCompare(b.firmware);
    const fwrev = (b: { fwrev1: number; fwrev2: number }): string => `${b.fwrev1}.${b.fwrev2.toString(16).padStart(2, '0')}`;

    it('ipmitool mc info reads the identities the lab chose, with the IPMI version QEMU imposes (2.0)', () => {
      const seen = mcInfos().sort(byFirmware).map((i) => [i.manufacturer, i.product, i.firmware, i.device_id, i.revision, i.ipmi_version]);
      expect(seen).toEqual([BMC_FIRING, BMC_QUIET].map((b) => [b.mfgId, b.productId, fwrev(b), String(b.deviceId), String(b.deviceRev & 0x0f), '2.0']).sort((a, b) => String(a[2]).localeCompare(String(b[2]))));
    });

    it('fwsnap\'s BMCs have the manufacturer, product and firmware revision ipmitool mc info reads, and the stored attributes their device id, revision, IPMI version and SDR flag', () => {
      const stored = bmcs().map((b): Identity => {
        const attr = (a: string): string => lab().bundle().get(`sys/devices/platform/${b.device_key.slice('bmc:'.length)}/${a}`).toString().trim();
        return {
          manufacturer: parseInt(b.vendor_id ?? '', 16),
          product: parseInt(b.device_id ?? '', 16),
          firmware: b.version ?? '',
          device_id: attr('device_id'),
          revision: attr('revision'),
          ipmi_version: attr('ipmi_version'),
          provides_device_sdrs: attr('provides_device_sdrs') === '1' ? 'yes' : 'no',
        };
      });
      expect(stored.sort(byFirmware)).toEqual(mcInfos().sort(byFirmware));
    });

    it(`\`fwsnap analyze\` reports ${IDRAC_RULE} on the iDRAC6 at ${fwrev(BMC_FIRING)} and passes the iDRAC7 at ${fwrev(BMC_QUIET)}`, () => {
      const report = analyzeLabBundle(lab());
      const keyOf = (b: { fwrev1: number; fwrev2: number }): string => bmcs().find((r) => r.version === fwrev(b))!.device_key;
      expect(report.findings.filter((f) => f.rule === IDRAC_RULE).map((f) => f.device)).toEqual([keyOf(BMC_FIRING)]);
      // The quiet BMC was looked at (a Dell 0x0100 with every fact present): it passed, neither skipped nor failed.
      expect([...report.skipped, ...report.errors].filter((s) => s.rule === IDRAC_RULE)).toEqual([]);
      expect(keyOf(BMC_QUIET)).not.toBe(keyOf(BMC_FIRING));
    });

    it(`\`fwsnap analyze\` looks at both Dell BMCs with ${QUIRK_RULE} and passes them: IPMI 2.0 is not the PowerEdge 8G BMC`, () => {
      const report = analyzeLabBundle(lab());
      expect(report.findings.filter((f) => f.rule === QUIRK_RULE)).toEqual([]);
      expect(bmcs().map((b) => parseInt(b.vendor_id ?? '', 16))).toEqual([0x0002a2, 0x0002a2]);
      expect([...report.skipped, ...report.errors].filter((s) => s.rule === QUIRK_RULE)).toEqual([]);
    });
  });
}
