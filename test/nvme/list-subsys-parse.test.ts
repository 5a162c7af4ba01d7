/**
 * `nvme list-subsys` as nvme-cli prints it from 1.5 to 3.0 (nvme.c / nvme-print.c `show_nvme_subsystem`, 2.x
 * nvme-print-stdout.c `stdout_subsystem`, 3.0 src/): text and `-o json`, laid out as each release prints it.
 */
import { describe, expect, it } from 'vitest';
import { parseListSubsys } from '../../analyzer/classes/nvme/nvme-list-subsys.js';

describe('nvme list-subsys text', () => {
  it('1.x: NQN, then each controller with transport, address, state', () => {
    const r = parseListSubsys('nvme-subsys0 - NQN=nqn.2014.08.org.nvmexpress:80868086PHKS7481006G375AGN  INTEL SSDPED1D375GA\n\\\n +- nvme0 pcie 0000:5e:00.0 live \n');
    expect(r.issues).toEqual([]);
    expect(r.subsystems).toEqual([{ name: 'nvme-subsys0', nqn: 'nqn.2014.08.org.nvmexpress:80868086PHKS7481006G375AGN  INTEL SSDPED1D375GA', controllers: [{ name: 'nvme0', transport: 'pcie', address: '0000:5e:00.0', state: 'live' }] }]);
  });
  it('1.5: no state; fabrics address with spaces or commas; ANA state; deleting (no IO)', () => {
    const r = parseListSubsys([
      'nvme-subsys1 - NQN=nqn.2019-01.io.example:target', '\\', ' +- nvme1 tcp traddr=192.168.1.10 trsvcid=4420',
      ' +- nvme2 tcp traddr=192.168.1.11,trsvcid=4420,src_addr=192.168.1.2 live non-optimized', ' +- nvme3 rdma traddr=10.0.0.3,trsvcid=4420 deleting (no IO)', '',
    ].join('\n'));
    expect(r.issues).toEqual([]);
    expect(r.subsystems[0]!.controllers).toEqual([
      { name: 'nvme1', transport: 'tcp', address: 'traddr=192.168.1.10 trsvcid=4420' },
      { name: 'nvme2', transport: 'tcp', address: 'traddr=192.168.1.11,trsvcid=4420,src_addr=192.168.1.2', state: 'live', anaState: 'non-optimized' },
      { name: 'nvme3', transport: 'rdma', address: 'traddr=10.0.0.3,trsvcid=4420', state: 'deleting (no IO)' },
    ]);
  });
  it('2.x: hostnqn and iopolicy under the NQN (padded to the name), -v model, serial, firmware, type; subsystems apart by a blank line', () => {
    const r = parseListSubsys([
      'nvme-subsys0 - NQN=nqn.2014.08.org.nvmexpress:144d144dS4EWNX0R123456     Samsung SSD 970 EVO Plus 1TB',
      '               hostnqn=nqn.2014-08.org.nvmexpress:uuid:f5aab8b7-89ca-42c4-bf97-f28a5b78aec0', '               iopolicy=numa',
      '               model=Samsung SSD 970 EVO Plus 1TB', '               serial=S4EWNX0R123456', '               firmware=2B2QEXM7', '               type=nvm',
      '\\', ' +- nvme0 pcie 0000:01:00.0 live', '', 'nvme-subsys1 - NQN=nqn.1994-11.com.samsung:nvme:PM1733:2.5-inch:S5G3NA0R107888',
      '               hostnqn=nqn.2014-08.org.nvmexpress:uuid:f5aab8b7-89ca-42c4-bf97-f28a5b78aec0', '\\', ' +- nvme1 pcie 0000:81:00.0 live', '',
    ].join('\n'));
    expect(r.issues).toEqual([]);
    expect(r.subsystems[0]).toMatchObject({ name: 'nvme-subsys0', iopolicy: 'numa', model: 'Samsung SSD 970 EVO Plus 1TB', serial: 'S4EWNX0R123456', firmware: '2B2QEXM7', type: 'nvm' });
    expect(r.subsystems[1]).toMatchObject({ name: 'nvme-subsys1', hostnqn: 'nqn.2014-08.org.nvmexpress:uuid:f5aab8b7-89ca-42c4-bf97-f28a5b78aec0', controllers: [{ name: 'nvme1', address: '0000:81:00.0', state: 'live' }] });
  });
  it('a prompt above it and a mail\'s quoting are not unread lines; a line of another form is', () => {
    const r = parseListSubsys('> [root@host ~]# nvme list-subsys\n> nvme-subsys0 - NQN=clvol\n> \\\n>  +- nvme0 tcp traddr=192.168.1.10 trsvcid=4420 live\n');
    expect(r.issues).toEqual([]);
    expect(r.subsystems[0]!.controllers[0]).toEqual({ name: 'nvme0', transport: 'tcp', address: 'traddr=192.168.1.10 trsvcid=4420', state: 'live' });
    expect(parseListSubsys('nvme-subsys0 - NQN=clvol\n\\\n +- nvme0 pcie 0000:01:00.0 live\nsomething else\n').issues).toHaveLength(1);
  });
});

describe('nvme list-subsys -o json', () => {
  it('1.9 – 1.16: {"Subsystems": [{Name, NQN, Paths}]}', () => {
    const r = parseListSubsys('{\n  "Subsystems" : [\n    {\n      "Name" : "nvme-subsys0",\n      "NQN" : "nqn.2014.08.org.nvmexpress:80868086PHKS7481006G375AGN  INTEL SSDPED1D375GA",\n      "Paths" : [\n        {\n          "Name" : "nvme0",\n          "Transport" : "pcie",\n          "Address" : "0000:5e:00.0",\n          "State" : "live"\n        }\n      ]\n    }\n  ]\n}\n');
    expect(r).toEqual({ issues: [], subsystems: [{ name: 'nvme-subsys0', nqn: 'nqn.2014.08.org.nvmexpress:80868086PHKS7481006G375AGN  INTEL SSDPED1D375GA', controllers: [{ name: 'nvme0', transport: 'pcie', address: '0000:5e:00.0', state: 'live' }] }] });
  });
  it('1.5 – 1.8: each subsystem\'s Paths an element of its own after it', () => {
    const r = parseListSubsys('{\n  "Subsystems" : [\n    {\n      "Name" : "nvme-subsys0",\n      "NQN" : "nqn.2019-01.io.example:a"\n    },\n    {\n      "Paths" : [\n        {\n          "Name" : "nvme0",\n          "Transport" : "rdma",\n          "Address" : "traddr=10.0.0.1 trsvcid=4420"\n        }\n      ]\n    }\n  ]\n}\n');
    expect(r.issues).toEqual([]);
    expect(r.subsystems).toEqual([{ name: 'nvme-subsys0', nqn: 'nqn.2019-01.io.example:a', controllers: [{ name: 'nvme0', transport: 'rdma', address: 'traddr=10.0.0.1 trsvcid=4420' }] }]);
  });
  it('2.x / 3.0: an array of hosts, IOPolicy, -v Model/Serial/Firmware/Type, ANAState, 3.0 AddressDetails', () => {
    const doc = [{
      HostNQN: 'nqn.2014-08.org.nvmexpress:uuid:f5aab8b7-89ca-42c4-bf97-f28a5b78aec0', HostID: 'f5aab8b7-89ca-42c4-bf97-f28a5b78aec0',
      Subsystems: [{
        Name: 'nvme-subsys2', NQN: 'nqn.2010-06.com.purestorage:flasharray.1', Model: 'Pure Storage FlashArray', Serial: 'F5C1B6A', Firmware: '6.5.0', IOPolicy: 'queue-depth', Type: 'nvm',
        Paths: [{ Name: 'nvme2', Transport: 'tcp', Address: 'traddr=10.1.1.10,trsvcid=4420', AddressDetails: [{ traddr: '10.1.1.10', trsvcid: '4420' }], State: 'live', ANAState: 'optimized' }],
      }],
    }];
    const r = parseListSubsys(JSON.stringify(doc, null, 2));
    expect(r.issues).toEqual([]);
    expect(r.subsystems).toEqual([{
      name: 'nvme-subsys2', nqn: 'nqn.2010-06.com.purestorage:flasharray.1', hostnqn: 'nqn.2014-08.org.nvmexpress:uuid:f5aab8b7-89ca-42c4-bf97-f28a5b78aec0', iopolicy: 'queue-depth',
      model: 'Pure Storage FlashArray', serial: 'F5C1B6A', firmware: '6.5.0', type: 'nvm',
      controllers: [{ name: 'nvme2', transport: 'tcp', address: 'traddr=10.1.1.10,trsvcid=4420', state: 'live', anaState: 'optimized' }],
    }]);
  });
  it('no subsystem: {} or [] is no issue', () => {
    expect(parseListSubsys('{}\n')).toEqual({ subsystems: [], issues: [] });
    expect(parseListSubsys('[]\n')).toEqual({ subsystems: [], issues: [] });
  });
});
