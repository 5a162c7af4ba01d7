/**
 * Gaps a held-out-style trial of new public mst tool outputs showed (each sample is in fixtures/real with its
 * provenance): what each parser must read off them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFwManagerQuery } from '../../analyzer/classes/mlx5/fwmanager-query.js';
import { parseMstconfigQuery } from '../../analyzer/classes/mlx5/mstconfig.js';
import { parseMstflintQuery } from '../../analyzer/classes/mlx5/mstflint-query.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');

describe('a flint query that failed', () => {
  it('keeps the tool error of a card it could not open instead of refusing the output', () => {
    const q = parseMstflintQuery(real('mstflint/infinihost-cannot-open-power9-issue20.txt'));
    expect(q.errors).toEqual(['Cannot open Device: 0031:01:00.0. Operation not supported. MFE_CR_ERROR']);
    expect([q.fwVersion, q.psid]).toEqual([undefined, undefined]);
  });
  it('keeps each run’s error when two runs are pasted together', () => {
    expect(parseMstflintQuery(real('mstflint/infinihost-lx-cannot-open-two-runs-issue921.txt')).errors).toHaveLength(2);
  });
});

describe('Connect-IB per-port bases', () => {
  it('reads Base GUID1 / Base MAC1 (the card’s first base) where no Base GUID line is printed', () => {
    const q = parseMstflintQuery(real('mstflint/connectib-guid1-guid2-orig-mstflint-manual.txt'));
    expect([q.baseGuid, q.baseMac]).toEqual([{ value: '00002c123456abcd', count: 8 }, { value: '00002c56abcd', count: 8 }]);
  });
});

describe('several mstconfig runs pasted into one file', () => {
  it('gives each run the device its own command names', () => {
    const q = parseMstconfigQuery(real('mstconfig/cx5ex-oci-mstconfig-lockdown-issue1371.txt'));
    expect(q.devices.map((d) => [d.commandDevice, d.device, d.errors])).toEqual([
      ['mlx5_0', undefined, ['Failed to open the device']],
      ['3b:00.0', undefined, ['Failed to identify the device']],
      ['mlx5_0', 'mlx5_0', []],
    ]);
  });
  it('keeps one device when the runs name the same one (a head and a grep of one query)', () => {
    const q = parseMstconfigQuery(real('mstconfig/cx6dx-ocp-mstconfig-head-and-grep-roce.txt'));
    expect(q.devices).toHaveLength(1);
    expect(q.devices[0]!.params).toHaveLength(9);
  });
});

describe('a firmware manager query with masked port GUIDs', () => {
  it('stores no GUID where the author masked it (****************)', () => {
    const [d] = parseFwManagerQuery(real('fwmanager/cx3-oracle-mlxup-jekyll-masked-guids.txt')).devices;
    expect(d!.portGuids).toEqual({});
    expect(d!.psid).toBe('ORC1090120019');
  });
});

describe('a flint query whose lines a page merged', () => {
  it('reads the PSID a manual page ran into the Device VSD line (Device VSD: VSD PSID : MT_1240110019)', () => {
    const q = parseMstflintQuery(real('mstflint/connectib-guid1-guid2-orig-mstflint-manual.txt'));
    expect(q.psid).toBe('MT_1240110019');
    expect(q.fields['Device VSD']).toBe('VSD');
  });
  it('splits only at a field flint prints: a value holding a colon keeps it', () => {
    const q = parseMstflintQuery('FW Version:            16.35.2000\nDescription:           ConnectX-5 EN; note: PSID: see label\nPSID:                  MT_0000000012\n');
    expect([q.psid, q.description]).toEqual(['MT_0000000012', 'ConnectX-5 EN; note: PSID: see label']);
  });
});

describe('mstconfig errors of a run that names no device', () => {
  it('gives each -E- line of a query of all devices its own device (one line per card it could not read)', () => {
    const q = parseMstconfigQuery(real('mstconfig/cx3-mstconfig-unsupported-device-issue590.txt'));
    expect(q.devices.map((d) => [d.index, d.errors])).toEqual([[1, ['Unsupported device']], [2, ['Unsupported device']]]);
  });
  it('keeps the errors of a run that names its device with that one device', () => {
    const q = parseMstconfigQuery('# mstconfig -d 04:00.0 q\n-E- Failed to open the device\n-E- Failed to query device current configuration\n');
    expect(q.devices.map((d) => d.errors)).toEqual([['Failed to open the device', 'Failed to query device current configuration']]);
  });
});

describe('the lines a failing run prints around its -E- line', () => {
  it('attaches the library message above an -E- line and the -v version line to the error they explain', () => {
    const q = parseMstconfigQuery(real('mstconfig/cx-mstconfig-lockdown-semaphore-issue416.txt'));
    expect(q.devices.map((d) => d.errors)).toEqual([['Failed to open the device (write counter to semaphore: Permission denied) — mstconfig, mstflint 4.15.0']]);
    expect(q.issues).toEqual([]);
    expect(q.toolVersion).toBe('mstconfig, mstflint 4.15.0');
  });
  it('does not take a sentence of the person above the error for the tool’s message', () => {
    const q = parseMstconfigQuery('This is what I get:\n-E- Unsupported device\n');
    expect(q.devices.map((d) => d.errors)).toEqual([['Unsupported device']]);
  });
  it('does the same for flint: a library message above its -E- line', () => {
    const q = parseMstflintQuery('FATAL - crspace read (0xf0014) failed: Invalid argument\n-E- Cannot open Device: 41:00.0. Invalid argument. MFE_GENERAL_ERROR\n');
    expect(q.errors).toEqual(['Cannot open Device: 41:00.0. Invalid argument. MFE_GENERAL_ERROR (FATAL - crspace read (0xf0014) failed: Invalid argument)']);
    expect(q.issues).toEqual([]);
  });
  it('reads a query that crashed (the shell’s Segmentation fault) as a failed run with the version line above it', () => {
    const q = parseMstflintQuery('$ mstflint -v\nmstflint, mstflint 4.33.0, Git SHA Hash: d431e08\n$ sudo mstflint -d 41:00.0 query\nSegmentation fault (core dumped)\n');
    expect(q.errors).toEqual(['Segmentation fault (core dumped) — mstflint, mstflint 4.33.0']);
    expect([q.fwVersion, q.psid, q.issues]).toEqual([undefined, undefined, []]);
  });
});

describe('a firmware manager update run pasted from a terminal', () => {
  it('reads a component line whose Done ran onto it after the padding (Writing Boot image component -   OK  …  Done) as the tool’s', () => {
    const q = parseFwManagerQuery(real('fwmanager/cx7-dgx-spark-fw-updater-unindented-wide-done.txt'));
    // Only the installer's own line above the query is not the tool's: it is the installer's, no unread line.
    expect(q.issues).toEqual([]);
    expect(q.installerLines).toEqual([1]);
    expect(q.devices.map((d) => [d.psid, d.status])).toEqual([['NVD0000000087', 'Update required']]);
  });
});

describe('a set preview cut down to its answer', () => {
  it('reads as the tool’s lines with no device, not as an output that is no mstconfig output', () => {
    const q = parseMstconfigQuery(real('mstconfig/cx4-set-preview-elided-to-answer-ib-sriov-cni.txt'));
    expect([q.devices, q.issues]).toEqual([[], []]);
  });
  it('still refuses text with none of the tool’s lines', () => {
    expect(() => parseMstconfigQuery('hello\n...\n')).toThrow(/no device and no configuration/);
  });
});

describe('a firmware manager query cut mid-line', () => {
  it('takes no running firmware from a FW (Running) row cut after its first digits', () => {
    const text = real('fwmanager/cx7-mlxup-d-fw-running-up-to-date.txt');
    const cut = text.slice(0, text.indexOf('FW (Running)') + 'FW (Running)   28'.length);
    const q = parseFwManagerQuery(cut);
    expect(q.devices[0]!.components.map((c) => [c.name, c.current])).toEqual([['FW', '28.47.1026']]);
    expect(q.issues.map((i) => i.text.trim())).toEqual(['FW (Running)   28']);
  });
});

describe('a set and a query of the same device pasted together', () => {
  it('keeps one row per parameter: the later run’s values, with the set’s New', () => {
    const q = parseMstconfigQuery(real('mstconfig/cx6dx-set-then-query-grep-same-device-zh.txt'));
    expect(q.devices).toHaveLength(1);
    const legacy = q.devices[0]!.params.filter((p) => p.name === 'ROCE_CC_LEGACY_DCQCN');
    expect(legacy.map((p) => Object.fromEntries(Object.entries(p.values).map(([c, v]) => [c, v.raw])))).toEqual([{ next_boot: 'True(1)', new: 'True(1)' }]);
  });
});

describe('a line the tool never printed in the middle of a real query costs nothing after it', () => {
  const withLine = (text: string, before: RegExp, line: string): string => {
    const at = text.search(before);
    expect(at).toBeGreaterThan(0);
    return `${text.slice(0, at)}${line}\n${text.slice(at)}`;
  };
  it('flint: a ROM entry after it is still a Rom Info entry', () => {
    const text = real('mstflint/cx4lx-fs3-stock-query-full-no-prompt.txt');
    const q = parseMstflintQuery(withLine(text, /^ +type=PXE/m, '                       Xyzzy frobnication level: 17'));
    expect(q.roms).toEqual(parseMstflintQuery(text).roms);
    expect(q.roms.map((r) => r.type)).toEqual(['UEFI', 'PXE']);
  });
  it('firmware manager: the Versions table goes on after a line indented as its rows', () => {
    const text = real('fwmanager/cx4lx-mlnx-fw-updater-apt-no-prompt.txt');
    const q = parseFwManagerQuery(withLine(text, /^ +PXE /m, '     Xyzzy frobnication level: 17'));
    expect(q.devices[0]!.components).toEqual(parseFwManagerQuery(text).devices[0]!.components);
    expect(q.devices[0]!.components.map((c) => c.name)).toEqual(['FW', 'PXE', 'UEFI']);
  });
});
