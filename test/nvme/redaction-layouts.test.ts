import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIdCtrl } from '../../analyzer/classes/nvme/nvme.js';
import { Redactor } from '../../bundle/redact/redactor.js';
import { REDACTION } from '../../collector/classes/index.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';

const FAKEHOST = await fakehostRoot();
const host = (rel: string): Buffer => readFileSync(join(FAKEHOST, rel));
const text = (b: Uint8Array | null): string => Buffer.from(b!).toString('latin1');

describe('the nvme class\'s redaction layout', () => {
  it('NVMe Identify Controller: sn replaced in place (space padded), the same token as the sysfs serial', () => {
    const r = new Redactor({ catalog: REDACTION });
    const sysfs = text(r.redact('sys/class/nvme/nvme0/serial', undefined, host('sys/class/nvme/nvme0/serial')));
    const raw = Buffer.alloc(4096);
    raw.write('S64HNE0R700123      ', 4, 'latin1');
    raw.write('SAMSUNG MZQL23T8HCLS-00A07              ', 24, 'latin1');
    raw.write('GDC5602Q', 64, 'latin1');
    const id = parseIdCtrl(Buffer.from(r.redact('ioctl/nvme/nvme0/id-ctrl.bin', undefined, raw)!));
    expect(sysfs.trim()).toBe('SN000000000001');
    expect(id).toMatchObject({ serial: 'SN000000000001', model: 'SAMSUNG MZQL23T8HCLS-00A07', firmware: 'GDC5602Q' });
  });
});

// A drive's subsystem NQN holds its serial (generated: `nqn.2014.08.org.nvmexpress:` vid ssvid serial model; a vendor's
// often ends in it), printed by list-subsys, list -v and id-ctrl: the serial is a secret there as in sysfs `serial`.
describe('NQNs in nvme-cli outputs', () => {
  const fixture = (rel: string): Buffer => readFileSync(new URL(`./fixtures/${rel}`, import.meta.url));
  const redact = (name: string, data: Buffer): string => text(new Redactor({ catalog: REDACTION }).redact(name, undefined, data));

  it('list-subsys text: a vendor NQN ending in the serial and a generated one lose the serial, keep the model', () => {
    const samsung = redact('cmd/nvme/list-subsys.out', fixture('list-subsys/samsung-pm1733-devbox-rst-four-subsystems.txt'));
    expect(samsung).not.toMatch(/S5G3NA0R10788[68]/);
    expect(samsung).toMatch(/NQN=nqn\.1994-11\.com\.samsung:nvme:PM1733:2\.5-inch:SN\d{12}\n/);
    const vbox = redact('cmd/nvme/list-subsys.out', fixture('list-subsys/vbox-centos-cli2-hostnqn-iopolicy.txt'));
    expect(vbox).not.toContain('VB1234-56789');
    expect(vbox).toContain('ORCL-VBOX-NVME-VER12');
    expect(vbox).not.toContain('f5aab8b7-89ca-42c4-bf97-f28a5b78aec0');
  });

  it('list-subsys -o json: the generated NQN padded in a JSON string', () => {
    const json = redact('cmd/nvme/list-subsys.out', fixture('list-subsys/netdata19500-cli2-json-cut.txt'));
    expect(json).not.toContain('7VS00KNX');
    expect(json).toContain('Seagate FireCuda 530 ZP4000GM30023');
  });

  it('list -v (2.x): the serial in the NQN and in the SN column of the controllers table under the subsystems table', () => {
    const v = redact('cmd/nvme/list.out', fixture('report-outputs/nvme-list/toshiba-kxg60-libnvme108-verbose.txt'));
    expect(v).not.toContain('49MA23BZK03N');
    expect(v).toContain('KXG60ZNV512G NVMe TOSHIBA 512GB');
  });

  it('leaves names that are no serial (a target name, a short or wordy last field) as they are', () => {
    const words = 'nvme-subsys0 - NQN=nqn.2020-12.com.smartx:system:shunkai-test\nnvme-subsys1 - NQN=nqn.2010-06.com.purestorage:flasharray.1\nnvme-subsys2 - NQN=nqn.2023-01.io.longhorn.spdk:raid01\n';
    expect(redact('cmd/nvme/list-subsys.out', Buffer.from(words))).toBe(words);
  });
});
