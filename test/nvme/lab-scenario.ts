import { describe, expect, it } from 'vitest';
import { parseFwLog, parseIdCtrl } from '../../analyzer/classes/nvme/nvme.js';
import type { LabRun } from '../lab/lab-machine.js';
import type { LabMachinePart } from '../lab/harness/machine-part.js';

export const NVME_SERIAL = 'FWSNAPLABNVME01';

/** The NVMe controller behind a PCIe 3.0 x4 root port (the pci scenario reads its link). */
export const nvmeLabPart: LabMachinePart = {
  devices: [
    { kind: 'pcie-root-port', id: 'rp-nvme', chassis: 1, slot: 1, speed: '8', width: 4 },
    { kind: 'nvme', id: 'nvme-lab', serial: NVME_SERIAL, bus: 'rp-nvme' },
  ],
  buses: ['pci'],
  wait: ['/sys/class/nvme/nvme0', '/sys/block/nvme0n1', { path: '/sys/class/nvme/nvme0/state', reads: 'live' }],
  // nvme-cli on the first controller (the list tools/nvme.ctrl names it) and its first namespace: its bytes, its JSON and
  // its -H text, the whole outputs being the corpus's lab samples too (nvme-cli-lab.ts), with the version that printed them.
  tools: [{
    each: { list: 'nvme.ctrl', command: 'for c in /sys/class/nvme/*; do [ -e "$c" ] && echo "${c##*/}"; done', first: true },
    runs: [
      { output: 'nvme-id-ctrl-bin', argv: ['nvme', 'id-ctrl', '/dev/{}', '-b'] },
      { output: 'nvme-fw-log-bin', argv: ['nvme', 'fw-log', '/dev/{}', '-b'] },
      { output: 'nvme-id-ctrl-json', argv: ['nvme', 'id-ctrl', '/dev/{}', '-o', 'json'] },
      { output: 'nvme-fw-log-json', argv: ['nvme', 'fw-log', '/dev/{}', '-o', 'json'] },
      { output: 'nvme-id-ctrl-H', argv: ['nvme', 'id-ctrl', '/dev/{}', '-H'] },
      { output: 'nvme-id-ns-H', argv: ['nvme', 'id-ns', '/dev/{}n1', '-H'] },
      { output: 'nvme-id-ns-json', argv: ['nvme', 'id-ns', '/dev/{}n1', '-o', 'json'] },
      { output: 'nvme-version', argv: ['nvme', 'version'] },
    ],
  }],
};

/** nvme-cli prints a firmware slot as `<u64 decimal> (<8 ASCII characters, dots for unprintables>)`. */
export function fwSlotFromNvmeCli(value: string): string {
  const m = /^(\d+) \(/.exec(value);
  if (!m) throw new Error(`nvme fw-log JSON slot value ${JSON.stringify(value)} is not "<u64> (<text>)"`);
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(BigInt(m[1]!));
  return bytes.toString('latin1').replace(/[\0 ]+$/, '');
}

export function nvmeScenario(lab: () => LabRun): void {
  describe('NVMe: QEMU nvme controller, Linux nvme driver, nvme-cli as reference', () => {
    const ctrl = (): string => {
      const name = lab().text('tools/nvme.ctrl')?.trim();
      if (!name) throw new Error('the guest found no NVMe controller under /sys/class/nvme');
      return name;
    };
    const idCtrl = (): Buffer => lab().bundle().get(`ioctl/nvme/${ctrl()}/id-ctrl.bin`);
    const fwLog = (): Buffer => lab().bundle().get(`ioctl/nvme/${ctrl()}/fw-log.bin`);

    it('Identify Controller bytes equal `nvme id-ctrl -b`', () => {
      const reference = lab().tool('nvme-id-ctrl-bin');
      expect(reference.length).toBe(4096);
      expect(idCtrl().equals(reference)).toBe(true);
    });

    it('firmware slot log bytes equal `nvme fw-log -b`', () => {
      const reference = lab().tool('nvme-fw-log-bin');
      expect(reference.length).toBe(512);
      expect(fwLog().equals(reference)).toBe(true);
    });

    it('is the controller the lab created (serial at Identify offset 4, 20 bytes)', () => {
      expect(idCtrl().subarray(4, 24).toString('latin1').trimEnd()).toBe(NVME_SERIAL);
    });

    it('parsed Identify Controller fields equal `nvme id-ctrl -o json`', () => {
      const json = JSON.parse(lab().tool('nvme-id-ctrl-json').toString('utf8')) as Record<string, unknown>;
      const p = parseIdCtrl(idCtrl());
      expect({
        vid: p.vid, ssvid: p.ssvid, sn: p.serial, mn: p.model, fr: p.firmware, cntlid: p.cntlid, ver: p.versionRaw,
        oacs: p.oacs, frmw: p.frmw, wctemp: p.warningTempK, cctemp: p.criticalTempK, oncs: p.oncs, subnqn: p.subnqn,
        npss: p.powerStateCount - 1,
      }).toEqual({
        vid: json.vid, ssvid: json.ssvid, sn: String(json.sn).trim(), mn: String(json.mn).trim(), fr: String(json.fr).trim(), cntlid: json.cntlid,
        ver: json.ver, oacs: json.oacs, frmw: json.frmw, wctemp: json.wctemp, cctemp: json.cctemp, oncs: json.oncs, subnqn: json.subnqn,
        npss: json.npss,
      });
      // Offsets straight from the reference (collector-facts §1.c), independent of the parser.
      const raw = idCtrl();
      expect({ mdts: raw[77], nn: raw.readUInt32LE(516), sqes: raw[512], cqes: raw[513] }).toEqual({ mdts: json.mdts, nn: json.nn, sqes: json.sqes, cqes: json.cqes });
      expect((raw[260]! >> 1) & 7).toBe(p.firmwareSlots);
    });

    it('parsed firmware slot log equals `nvme fw-log -o json`', () => {
      const json = JSON.parse(lab().tool('nvme-fw-log-json').toString('utf8')) as Record<string, Record<string, unknown>>;
      const entry = json[ctrl()];
      if (!entry) throw new Error(`nvme fw-log JSON has no "${ctrl()}" object: ${JSON.stringify(json)}`);
      const slots: Record<number, string> = {};
      for (const [key, value] of Object.entries(entry)) {
        const slot = /^Firmware Rev Slot (\d)$/.exec(key)?.[1];
        if (slot) slots[Number(slot)] = fwSlotFromNvmeCli(String(value));
      }
      const p = parseFwLog(fwLog());
      expect(p.activeSlot).toBe(Number(entry['Active Firmware Slot (afi)']) & 7);
      expect(p.slots).toEqual(slots);
      expect(Object.keys(p.slots).length).toBeGreaterThan(0);
    });
  });
}
