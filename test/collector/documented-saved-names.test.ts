import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../bundle/format.js';
import { ensureBuilt, fwsnap } from '../cli/cli-helpers.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * docs/bundle-format.md promises, per tool, names a person may save an output under ("Outputs saved under the names
 * people give them"). Every example of its table is replayed here as written: saved under the documented name in one
 * tree, each must be read (an artifact replayed from it, no issue naming it) and each documented stored name must
 * be in the bundle. A documented name that stops working, or an example dropped from a row, fails this test.
 */
const DOC = readFileSync('docs/bundle-format.md', 'utf8');

interface Row {
  tool: string;
  examples: { command: string; saved: string }[];
  stored: string[];
}

function savedNameTable(doc: string): Row[] {
  const section = doc.split('### Outputs saved under the names people give them')[1]!.split(/\n#{2,4} /)[0]!;
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  return rows.map((line) => {
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    expect(cells, line).toHaveLength(4);
    const examples = [...cells[2]!.matchAll(/`([^`]+)`[^`→;]{0,40}→ `DIR\/([^`]+)`/g)].map((m) => ({ command: m[1]!, saved: m[2]! }));
    return { tool: cells[0]!, examples, stored: [...cells[3]!.matchAll(/`(cmd\/[^`]+)`/g)].map((m) => m[1]!) };
  });
}

/** A short output of each tool, enough for the source to place it (the parsers are tested on real outputs elsewhere). */
function outputOf(command: string): string {
  const words = command.replace(/^sudo /, '');
  const dev = /\/dev\/(nvme\d+)/.exec(command)?.[1] ?? 'nvme0';
  const json = /(?:^| )(?:-j|-o json|--json)/.test(command);
  if (/^nvme /.test(words)) {
    if (json) return command.includes('fw-log') ? `{"${dev}":{"afi":1,"frs1":"1.0"}}\n` : '{"vid":4096,"sn":"S1","mn":"M","fr":"1.0"}\n';
    return command.includes('fw-log') ? `Firmware Log for device:${dev}\nafi  : 0x1\nfrs1 : 0x302e31 (1.0)\n` : 'NVME Identify Controller:\nvid       : 0x1000\nsn        : S1\nmn        : M\nfr        : 1.0\n';
  }
  if (/^smartctl /.test(words)) return json ? '{"device":{"name":"/dev/nvme0"},"serial_number":"S1","firmware_version":"1.0"}\n' : '=== START OF INFORMATION SECTION ===\nDevice Model:     M\nSerial Number:    S1\nFirmware Version: 1.0\n';
  if (/^devlink /.test(words)) {
    if (json) return '{"param":{"pci/0000:3b:00.0":[]}}\n';
    return command.includes('health') ? 'pci/0000:2b:00.0:\n  reporter fw\n    state healthy error 0 recover 0\n' : 'pci/0000:3b:00.0:\n  driver mlx5_core\n  versions:\n      running:\n        fw.version 16.35.2000\n';
  }
  if (/^cat \/proc\/driver\/nvidia\/version/.test(words)) return 'NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 01:15:15 UTC 2023\nGCC version:  gcc version 12.3.0 (Ubuntu 12.3.0-1ubuntu1~22.04)\n';
  if (/^rocm-smi/.test(words)) return json ? '{"card0": {"VBIOS version": "113-D1631700-111", "PCI Bus": "0000:03:00.0"}}\n' : '============================ ROCm System Management Interface ============================\nGPU[0]\t\t: VBIOS version: 113-D1631700-111\nGPU[0]\t\t: PCI Bus: 0000:03:00.0\n';
  if (/^amd-smi/.test(words)) return json ? '{"gpu_data": [{"bdf": "0000:03:00.0"}]}\n' : 'GPU: 0\n    BUS:\n        BDF: 0000:03:00.0\n    IFWI:\n        PART_NUMBER: 113-D1631700-111\n';
  if (/^cat \/proc\/version/.test(words)) return 'Linux version 6.8.0-45-generic (buildd@lcy02-amd64-075) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0) #45-Ubuntu SMP PREEMPT_DYNAMIC Fri Aug 30 12:02:04 UTC 2024\n';
  if (/^uname /.test(words)) return words.includes('-r') ? '6.8.0-45-generic\n' : 'Linux node7 6.8.0-45-generic #45-Ubuntu SMP PREEMPT_DYNAMIC Fri Aug 30 12:02:04 UTC 2024 x86_64 x86_64 x86_64 GNU/Linux\n';
  if (/^cat \/proc\/cpuinfo/.test(words)) return 'processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\nstepping\t: 4\nmicrocode\t: 0x2007006\n';
  if (/^lscpu/.test(words)) return 'Vendor ID:           GenuineIntel\nCPU family:          6\nModel:               85\nStepping:            4\n';
  if (/^grep .*\/dmi\/id/.test(words)) return '/sys/class/dmi/id/bios_vendor:Dell Inc.\n/sys/class/dmi/id/bios_version:2.21.0\n';
  if (/^efibootmgr/.test(words)) return 'BootCurrent: 0001\nTimeout: 1 seconds\nBootOrder: 0001,0000\nBoot0000* Windows Boot Manager\tHD(1,GPT,x,0x800,0x1000)/File(\\EFI\\Microsoft\\Boot\\bootmgfw.efi)\nBoot0001* debian\tHD(1,GPT,x,0x800,0x1000)/File(\\EFI\\debian\\shimx64.efi)\n';
  if (/^fwupdmgr /.test(words)) return json ? '{"Devices":[{"Name":"System Firmware","DeviceId":"a45df35ac0e948ee180fe216a5f703f32dda163f","Version":"1.2.0"}]}\n' : 'Host\n│\n└─System Firmware:\n      Current version:    1.2.0\n';
  if (/^head .*\/dmi\/id/.test(words)) return '==> /sys/class/dmi/id/bios_version <==\n2.21.0\n';
  if (/^nvidia-smi/.test(words)) {
    if (words.includes('-L')) return 'GPU 0: Tesla T4 (UUID: GPU-0200523e-f473-3a45-9b4a-fbbe0e41ccf8)\n';
    if (words.includes('--query-gpu')) return 'name, pci.bus_id, driver_version, vbios_version\nTesla T4, 00000000:01:00.0, 535.104.05, 90.04.84.00.06\n';
    if (words.includes('-x')) return '<?xml version="1.0" ?>\n<nvidia_smi_log>\n<driver_version>535.104.05</driver_version>\n<gpu id="00000000:01:00.0">\n<product_name>Tesla T4</product_name>\n</gpu>\n</nvidia_smi_log>\n';
    if (words.includes('-q')) return '==============NVSMI LOG==============\n\nDriver Version                            : 535.104.05\n\nGPU 00000000:01:00.0\n    Product Name                          : Tesla T4\n';
    return '| NVIDIA-SMI 535.104.05   Driver Version: 535.104.05   CUDA Version: 12.2     |\n|===============================+======================+======================|\n|   0  Tesla T4            On   | 00000000:01:00.0 Off |                    0 |\n';
  }
  if (/^nv-fabricmanager /.test(words)) return 'Fabric Manager version is : 450.102.04\n';
  if (/^ethtool -m/.test(words)) return '        Identifier                                : 0x03 (SFP)\n        Vendor name                               : JDSU\n        Vendor PN                                 : PLRXPL-VI-S24-22\n';
  if (/^ethtool /.test(words)) return 'driver: mlx5_core\nversion: 5.15.0\nfirmware-version: 16.35.2000 (MT_0000000080)\nbus-info: 0000:3b:00.0\n';
  if (/^udevadm /.test(words)) return "  looking at device '/devices/pci0000:00/0000:00:11.0/0000:02:01.0/net/ens33':\n    KERNEL==\"ens33\"\n    SUBSYSTEM==\"net\"\n\n  looking at parent device '/devices/pci0000:00/0000:00:11.0/0000:02:01.0':\n    KERNELS==\"0000:02:01.0\"\n    SUBSYSTEMS==\"pci\"\n    DRIVERS==\"e1000\"\n";
  if (/^lspci/.test(words)) return '3b:00.0 Ethernet controller [0200]: Mellanox Technologies MT27800 Family [ConnectX-5] [15b3:1017]\n';
  if (/^(?:mlx|mst)link /.test(words)) return 'Operational Info\n----------------\nState                           : Active\nPhysical state                  : LinkUp\n';
  if (/^(?:mst)?flint /.test(words)) return 'Image type:            FS4\nFW Version:            16.35.2000\nPSID:                  MT_0000000080\n';
  if (/^(?:mlxfwmanager|mlxup|mstfwmanager)\b/.test(words) || /(?:mlxfwmanager|mlxup|mstfwmanager)/.test(command)) {
    return 'Querying Mellanox devices firmware ...\n\nDevice #1:\n----------\n\n  Device Type:      ConnectX5\n  PCI Device Name:  0000:3b:00.0\n  Versions:         Current        Available\n     FW             16.35.2000     N/A\n';
  }
  return 'Device #1:\n----------\nDevice type:    ConnectX5\nDevice:         0000:3b:00.0\n\nConfigurations:                              Next Boot\n         SRIOV_EN                            True(1)\n';
}

function extract(bundle: string): Manifest {
  const dir = tempDir();
  expect(spawnSync('tar', ['-xzf', bundle, '-C', dir]).status).toBe(0);
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

describe("docs/bundle-format.md's saved names", () => {
  beforeAll(ensureBuilt);
  const rows = savedNameTable(DOC);

  it('has a row with examples for every tool a person pastes', () => {
    const tools = rows.map((r) => r.tool).join(' ');
    for (const tool of 'nvme smartctl devlink ethtool lspci mstflint flint mstconfig mlxconfig'.split(' ')) expect(tools).toContain(`\`${tool}\``);
    for (const r of rows) {
      expect(r.examples.length, r.tool).toBeGreaterThan(0);
      expect(r.stored.length, r.tool).toBeGreaterThan(0);
    }
    const commands = rows.flatMap((r) => r.examples.map((e) => e.command));
    // One example per form issue 11 names: text and JSON, controller and namespace nodes, both tool names.
    for (const form of [/^devlink dev info$/, /^devlink -j dev info$/, /^devlink .*param/, /^devlink health/, /^flint .* q$/, /^mstflint .*query/, /^mlxconfig .* q$/, /^mstconfig .* q/,
      /^ethtool -i /, /^nvme id-ctrl .*\/dev\/nvme\d+$/, /^nvme id-ctrl -H .*n\d+$/, /^nvme id-ctrl .*-o json/, /^nvme fw-log .*\/dev\/nvme\dn\d+$/, /^nvme fw-log .*-o json/,
      /^smartctl -x /, /^smartctl .*-a /, /^smartctl -j /]) {
      expect(commands.some((c) => form.test(c)), String(form)).toBe(true);
    }
  });

  it('every example, saved as written, is read, and every documented stored name is in the bundle', () => {
    const root = tempDir();
    const examples = rows.flatMap((r) => r.examples);
    for (const e of examples) {
      mkdirSync(dirname(join(root, e.saved)), { recursive: true });
      writeFileSync(join(root, e.saved), outputOf(e.command));
    }
    const out = join(tempDir(), 'b.tar.gz');
    const r = fwsnap(['collect', '--root', root, '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    const m = extract(out);
    // A file no class read is kept too, under unread/ (replayed from itself): that is not being read.
    const replayed = new Set(m.artifacts.filter((a) => !a.name.startsWith('unread/')).map((a) => a.replayedFrom));
    const names = new Set(m.artifacts.map((a) => a.name));
    for (const e of examples) {
      expect(replayed.has(e.saved), `${e.command} → ${e.saved} is not read`).toBe(true);
      expect(m.issues.filter((i) => i.target === e.saved), e.saved).toEqual([]);
    }
    for (const stored of rows.flatMap((x) => x.stored)) expect(names.has(stored), `${stored} is not in the bundle`).toBe(true);
  });
});
