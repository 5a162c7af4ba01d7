import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDevlinkHealth, parseDevlinkInfo, parseDevlinkParams } from '../../analyzer/classes/nic/devlink.js';
import { expectOnlyParseErrors } from '../helpers/parse-property.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/devlink/${name}`, import.meta.url), 'utf8');

describe('devlink dev info', () => {
  it('reads bnxt JSON with dotted keys and values holding spaces', () => {
    const [d] = parseDevlinkInfo(fixture('bnxt-dev-info.json')).items;
    expect(d).toEqual({
      handle: 'pci/0000:af:00.0', driver: 'bnxt_en', serialNumber: '00-10-18-FF-FE-AD-1A-00', boardSerialNumber: '433551F+172300000',
      versions: {
        fixed: { 'board.id': '7339763 Rev 0.', 'asic.id': '16D7', 'asic.rev': '1' },
        running: { fw: '216.1.216.0', 'fw.psid': '0.0.0', 'fw.mgmt': '216.1.192.0', 'fw.mgmt.api': '1.10.1', 'fw.ncsi': '0.0.0.0', 'fw.roce': '216.1.16.0' },
        stored: {},
      },
      flashComponents: [],
      other: {},
    });
  });

  it('reads mlx5 text with several handles, an auxiliary device and a truncated last line', () => {
    const info = parseDevlinkInfo(fixture('mlx5-dev-info.txt')).items;
    expect(info.map((i) => i.handle)).toEqual(['pci/0000:08:00.0', 'auxiliary/mlx5_core.eth.0', 'pci/0000:08:00.1']);
    expect(info[0]).toMatchObject({
      driver: 'mlx5_core', serialNumber: 'e4397f872caeed218000846daa7d2f49', boardSerialNumber: 'MT2314XZ00YA',
      other: { 'function.uid': 'MT2314XZ00YAMLNXS0D0F0' },
      versions: { fixed: { 'fw.psid': 'MT_0000000894' }, running: { 'fw.version': '28.41.1000', fw: '28.41.1000' }, stored: { fw: '28.41.1000' } },
    });
    expect(info[1]).toMatchObject({ driver: 'mlx5_core.eth', versions: { fixed: {}, running: {}, stored: {} } });
    expect(info[2]!.versions.stored).toEqual({});
    expect(parseDevlinkInfo(fixture('mlx5-dev-info.txt')).issues).toEqual([{ line: expect.any(Number), text: 'fw.', message: 'version "fw." has no value' }]);
  });

  it('names a line in a version group that holds no version name, and keeps the versions after it', () => {
    // A line a person added inside `running:`: a `label: value` line devlink never prints is no version.
    const text = `pci/0000:3b:00.0:\n  driver ice\n  versions:\n      running:\n        fw.mgmt 7.3.4\n        Xyzzy frobnication level: 17\n        fw.undi 1.3256.0\n`;
    const { items, issues } = parseDevlinkInfo(text);
    expect(items[0]!.versions.running).toEqual({ 'fw.mgmt': '7.3.4', 'fw.undi': '1.3256.0' });
    expect(issues).toEqual([{ line: 6, text: 'Xyzzy frobnication level: 17', message: expect.stringContaining('not a "name version" line') }]);
  });

  it('reads on after a person\'s sentence at the margin inside a device\'s block', () => {
    const plain = fixture('ice-dev-info.txt');
    const at = plain.indexOf('    running:');
    expect(at).toBeGreaterThan(0);
    const { items, issues } = parseDevlinkInfo(`${plain.slice(0, at)}The lines below are the ones that changed after the update.\n${plain.slice(at)}`);
    expect(items).toEqual(parseDevlinkInfo(plain).items);
    expect(issues.map((i) => i.message)).toContain("a person's words inside the device's block");
  });

  it('keeps values with spaces in text (ice, nfp)', () => {
    const [ice] = parseDevlinkInfo(fixture('ice-dev-info.txt')).items;
    expect(ice!.versions.running['fw.app.name']).toBe('ICE OS Default Package');
    expect(ice!.versions.stored['fw.undi']).toBe('1.2992.0');
    expect(Object.keys(ice!.versions.running)).toHaveLength(13);
    const [nfp] = parseDevlinkInfo(fixture('nfp-dev-info.txt')).items;
    expect(nfp!.versions.running['chip.init']).toBe('AMDA-2001-1003  1003000111');
    expect(nfp!.versions.stored['fw.cpld']).toBe('0x0');
    expect(nfp!.versions.fixed['board.model']).toBe('mozart');
  });

  it('gives the same facts from JSON and from text', () => {
    const text = `pci/0000:af:00.0:
  driver bnxt_en
  serial_number 00-10-18-FF-FE-AD-1A-00
  board.serial_number 433551F+172300000
  versions:
      fixed:
        board.id 7339763 Rev 0.
        asic.id 16D7
        asic.rev 1
      running:
        fw 216.1.216.0
        fw.psid 0.0.0
        fw.mgmt 216.1.192.0
        fw.mgmt.api 1.10.1
        fw.ncsi 0.0.0.0
        fw.roce 216.1.16.0
`;
    expect(parseDevlinkInfo(text).items).toEqual(parseDevlinkInfo(fixture('bnxt-dev-info.json')).items);
  });

  it('names the culprit in bad input', () => {
    expect(() => parseDevlinkInfo('{"dev": {}}')).toThrow(/devlink-info: no "info" object/);
    expect(() => parseDevlinkInfo('{"info": ')).toThrow(/devlink-info: invalid JSON/);
    expect(parseDevlinkInfo('kernel answers: Operation not supported')).toEqual({ items: [], issues: [] });
    expect(parseDevlinkInfo('  driver ice\npci/0000:01:00.0:\n  driver ice\n').issues).toEqual([{ line: 1, text: 'driver ice', message: 'comes before any device handle' }]);
  });

  // test/nic/fixtures/real/devlink-dev-info/ice-grep-fw-app-no-handle, with its command's function number set in code as a forum does.
  it('takes the handle from a command whose parts a forum set in Markdown code, without the marks', () => {
    const grep = '$ devlink dev info pci/0000:af:`00.0` | grep fw.app\n        fw.app.name ICE OS Default Package\n        fw.app 1.3.59.0\n';
    expect(parseDevlinkInfo(grep).items).toMatchObject([{ handle: 'pci/0000:af:00.0', other: { 'fw.app.name': 'ICE OS Default Package', 'fw.app': '1.3.59.0' } }]);
    expect(parseDevlinkParams('$ devlink dev param show **pci/0000:01:00.0**\n  name max_macs type generic\n    values:\n      cmode driverinit value 128\n').items).toMatchObject([{ handle: 'pci/0000:01:00.0', name: 'max_macs' }]);
  });
  it('opens the device a grepped output\'s own command names, under a bare command typed above the paste', () => {
    const { items } = parseDevlinkInfo('$ devlink dev info\nBefore the series:\n\n# devlink dev info i2c/2-0048 | grep driver\n  driver mlxsw_minimal\n');
    expect(items.map((i) => [i.handle, i.driver])).toEqual([['i2c/2-0048', 'mlxsw_minimal']]);
  });

  it('reads no line less indented than the handle line as the device\'s (a quoted patch\'s `index …` under the output)', () => {
    const text = '> Part of this queries the device:\n>\n>   $ devlink dev info pci/0000:b5:00.0\n>   pci/0000:b5:00.0:\n>     driver pds_core\n>     versions:\n>         running:\n>           fw 1.51.0-73\n>\n> diff --git a/include/linux/pds/pds_adminq.h b/include/linux/pds/pds_adminq.h\n> new file mode 100644\n> index 000000000000..9cd58b7f5fb2\n';
    const { items, issues } = parseDevlinkInfo(text);
    expect(items).toEqual([{ handle: 'pci/0000:b5:00.0', driver: 'pds_core', versions: { fixed: {}, running: { fw: '1.51.0-73' }, stored: {} }, flashComponents: [], other: {} }]);
    expect(issues.map((i) => i.text)).toContain('index 000000000000..9cd58b7f5fb2');
  });
});

describe('devlink dev param show', () => {
  it('reads JSON (netdevsim port param)', () => {
    expect(parseDevlinkParams(fixture('netdevsim-port-param.json')).items).toEqual([
      { handle: 'netdevsim/netdevsim0/0', name: 'test_port_parameter', type: 'driver-specific', values: [{ cmode: 'runtime', value: false }] },
    ]);
  });

  it('reads devlink monitor lines with typed values (mlx5)', () => {
    const p = parseDevlinkParams(fixture('mlx5-param-monitor.txt')).items;
    expect(p.map((x) => [x.name, x.type, x.values])).toEqual([
      ['enable_roce', 'generic', [{ cmode: 'driverinit', value: true }]],
      ['fdb_large_groups', 'driver-specific', [{ cmode: 'driverinit', value: 15 }]],
      ['flow_steering_mode', 'driver-specific', [{ cmode: 'runtime', value: 'dmfs' }]],
    ]);
    expect(p.every((x) => x.handle === 'pci/0000:00:09.0')).toBe(true);
  });

  it('reads one param with two cmodes (bnxt) and a default (iproute2 ≥ 7.0)', () => {
    expect(parseDevlinkParams(fixture('bnxt-param.txt')).items[0]!.values).toEqual([{ cmode: 'runtime', value: false }, { cmode: 'permanent', value: false }]);
    const withDefault = 'pci/0000:56:00.0:\n  name cqe_compress_type type driver-specific\n    values:\n      cmode permanent value balanced default balanced\n';
    expect(parseDevlinkParams(withDefault).items[0]!.values).toEqual([{ cmode: 'permanent', value: 'balanced', default: 'balanced' }]);
  });

  // The shape of a public cover letter (test/nic/fixtures/real/devlink-param/netdevsim-default-column-dot-slash).
  it('reads, of a paste that shows a param, sets it and shows it again, both shows in order (the loader keeps the later)', () => {
    const show = (v: string): string => `./devlink dev param show netdevsim/netdevsim0\nnetdevsim/netdevsim0:\n  name test1 type driver-specific\n    values:\n      cmode driverinit value ${v} default true\n`;
    const paste = `${show('true')}\n./devlink dev param set netdevsim/netdevsim0 name test1 value false cmode driverinit\n${show('false')}`;
    expect(parseDevlinkParams(paste).items).toEqual([
      { handle: 'netdevsim/netdevsim0', name: 'test1', type: 'driver-specific', values: [{ cmode: 'driverinit', value: true, default: true }] },
      { handle: 'netdevsim/netdevsim0', name: 'test1', type: 'driver-specific', values: [{ cmode: 'driverinit', value: false, default: true }] },
    ]);
  });

  it('reads JSON defaults and numbers', () => {
    const json = '{"param":{"pci/0000:4b:00.0":[{"name":"tx_scheduling_layers","type":"driver-specific","values":[{"cmode":"permanent","value":9,"default":5}]}]}}';
    expect(parseDevlinkParams(json).items[0]!.values).toEqual([{ cmode: 'permanent', value: 9, default: 5 }]);
  });

  it('records an unexpected line with its number and reads the rest', () => {
    const p = parseDevlinkParams('pci/0000:00:09.0:\n  garbage here\n  name a type generic\n    values:\n      cmode runtime value true\n');
    expect(p.issues).toEqual([{ line: 2, text: 'garbage here', message: 'not a devlink param line' }]);
    expect(p.items).toEqual([{ handle: 'pci/0000:00:09.0', name: 'a', type: 'generic', values: [{ cmode: 'runtime', value: true }] }]);
  });
});

describe('devlink health show', () => {
  // The pds_core documentation's paste (test/nic/fixtures/real/devlink-health/pds-core-fw-doc) with a person's words below it.
  it('counts a sentence and sign-off below a foreign command\'s output as words around, not as that output', () => {
    const doc = readFileSync(new URL('fixtures/real/devlink-health/pds-core-fw-doc.txt', import.meta.url), 'utf8');
    const r = parseDevlinkHealth(`${doc}\nAs you can see the firmware is old.\nRegards,\nJane\n`);
    expect(r.items.map((i) => [i.handle, i.name, i.state])).toEqual([['pci/0000:2b:00.0', 'fw', 'healthy']]);
    expect(r.issues.filter((i) => i.message.includes('of the output of')).map((i) => i.message)).toEqual([
      '1 line(s) of the output of "devlink health diagnose pci/0000:2b:00.0 reporter fw" not read',
    ]);
  });

  // Real form: the octeontx2 NPA patch quoted four deep, the dump command glued to the state line above (a root prompt's
  // `# devlink  health dump show`) and its handle wrapped: the lines below are that command's output, noted once.
  it('reads the reporters and notes a dump pasted after them once, not line by line', () => {
    const r = parseDevlinkHealth(readFileSync(new URL('fixtures/real/devlink-health/octeontx2-npa-v5-quoted-four-deep-dump-glued.txt', import.meta.url), 'utf8'));
    expect(r.items.map((i) => [i.handle, i.name, i.state, i.error, i.recover])).toEqual([['pci/0002:01:00.0', 'hw_npa', 'healthy', 0, 0]]);
    const dump = r.issues.filter((i) => i.message.includes('dump'));
    expect(dump.map((i) => [i.line, i.text, i.message])).toEqual([
      [15, 'pci/0002:01:00.0 reporter hw_npa', '20 line(s) of the output of "devlink  health dump show" not read'],
    ]);
    // The reviewer's words below the quoted dump stay lines of their own (the loader counts them as words around).
    expect(r.issues.filter((i) => i.line > 34).map((i) => i.line)).toEqual([36, 38, 39]);
    // A dump followed by another device's handle ends there: the reporters below it are read.
    const two = parseDevlinkHealth('pci/0000:01:00.0:\n  reporter fw\n    state healthy error 0 recover 0\nFW coredump:\n  5a 45 01 00\npci/0000:01:00.1:\n  reporter fw\n    state error error 2 recover 1\n');
    expect(two.items.map((i) => [i.handle, i.state])).toEqual([['pci/0000:01:00.0', 'healthy'], ['pci/0000:01:00.1', 'error']]);
    expect(two.issues.map((i) => i.message)).toEqual(["2 line(s) of a reporter's dump or diagnose output (no health show lines) not read"]);
  });

  it('reads mlx5 text with device and port reporters', () => {
    const r = parseDevlinkHealth(fixture('mlx5-health.txt')).items;
    expect(r.map((x) => `${x.handle} ${x.name}`)).toEqual([
      'pci/0000:08:00.0 fw', 'pci/0000:08:00.0 fw_fatal', 'pci/0000:08:00.0 vnic', 'pci/0000:08:00.0/32768 vnic',
    ]);
    expect(r[1]).toEqual({
      handle: 'pci/0000:08:00.0', name: 'fw_fatal', state: 'healthy', error: 0, recover: 0, gracePeriodMs: 60000, autoRecover: true, autoDump: true, other: {},
    });
  });

  it('joins last_dump_date and last_dump_time (OcteonTX2, tab-indented)', () => {
    const r = parseDevlinkHealth(fixture('octeontx2-health.txt')).items;
    expect(r[1]).toMatchObject({ name: 'hw_nix_intr', error: 1121, recover: 1121, lastDump: '2021-01-19 05:42:26' });
    expect(r[0]!.lastDump).toBeUndefined();
  });

  it('reads JSON with "reporter" and with the old "name" key', () => {
    const json = '{"health":{"pci/0000:08:00.0":[{"reporter":"fw","state":"healthy","error":0,"recover":0,"auto_dump":true},'
      + '{"name":"fw_fatal","state":"error","error":3,"recover":2,"grace_period":60000,"auto_recover":true,"auto_dump":true,"last_dump_date":"2024-05-01","last_dump_time":"10:00:00"}]}}';
    const r = parseDevlinkHealth(json).items;
    expect(r[0]).toMatchObject({ name: 'fw', state: 'healthy', autoDump: true });
    expect(r[1]).toMatchObject({ name: 'fw_fatal', state: 'error', error: 3, recover: 2, lastDump: '2024-05-01 10:00:00' });
  });

  it('records attributes outside a reporter and reads the rest', () => {
    const h = parseDevlinkHealth('pci/0000:08:00.0:\n    state healthy\n  reporter fw\n    state healthy error 0 recover 0\n');
    expect(h.issues).toEqual([{ line: 2, text: 'state healthy', message: '"state" outside a reporter' }]);
    expect(h.items).toMatchObject([{ name: 'fw', state: 'healthy' }]);
  });
});

describe('devlink parsers on arbitrary input', () => {
  const parsers = [parseDevlinkInfo, parseDevlinkParams, parseDevlinkHealth];
  it('return or throw ParseError', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json().map((j) => j),
      fc.constantFrom('{"info":{"a/b":{"versions":{"fixed":[1]}}}}', '{"param":{"a/b":[{"name":"x","values":[null,{"value":{}}]}]}}', '{"health":{"a/b":[{}]}}'),
      fc.array(fc.constantFrom('pci/0000:00:00.0:', '  versions:', '    fixed:', '      fw 1', 'reporter x', 'name a type b', 'cmode c value', '  values:'), { maxLength: 8 }).map((l) => l.join('\n')),
    );
    expectOnlyParseErrors(text, parsers, 500);
  });
});

describe('devlink dev info text around an interactive command', () => {
  // The shape of the ice security-revision RFC mail (fixtures/real/devlink-dev-info/ice-srev-lock-firmware-rfc), re-quoted.
  const MAIL = [
    'Example usage:', '', '$ devlink dev info pci/0000:b1:00.0', '', 'pci/0000:b1:00.0:', '  driver ice', '  versions:', '      fixed:',
    '        fw.mgmt.min.srev 8', '', '$ devlink dev lock-firmware pci/0000:03:00.0', '',
    'WARNING: This action will prevent downgrades to versions with lower the',
    'security version Are you sure you want to lock the firmware on device %s?. (y/N)', '>y', '',
  ].map((l) => `> ${l}`.trimEnd()).join('\n');

  it('reads no setting from a wrapped question of the session (several words), and one device for a handle line below its command', () => {
    const { items, issues } = parseDevlinkInfo(MAIL);
    expect(items.map((i) => ({ handle: i.handle, other: i.other }))).toEqual([{ handle: 'pci/0000:b1:00.0', other: {} }]);
    expect(issues.map((i) => i.line)).toContain(13);
    // The question alone, with no command line above it: several words after an undotted name are no attribute.
    const alone = parseDevlinkInfo('pci/0000:b1:00.0:\n  driver ice\n  security version Are you sure you want to lock the firmware on device %s?. (y/N)\n');
    expect(alone.items[0]!.other).toEqual({});
    expect(alone.issues.map((i) => i.line)).toEqual([3]);
  });
});

// Issue 11: an HTML mail's greeting above the command line, whose output is only the kernel's answer.
describe('a line above the command line of a devlink dev info paste', () => {
  it('opens no device from the handle the command names', () => {
    const r = parseDevlinkInfo('Hi,\nhere is the output:\n\n$ devlink dev info pci/0000:a3:00.0\nkernel answers: Operation not supported\n\nThanks,\nJane\n');
    expect(r.items).toEqual([]);
  });
});

describe('a sentence inside a health show output', () => {
  // Real form: a reply's words between reporters (the octeontx2 NIX thread); words that fall into pairs read as a
  // sentence, not as a reporter's `key value` settings.
  it('is an unread line, never paired into a reporter\'s settings', () => {
    const r = parseDevlinkHealth('pci/0000:01:00.0:\n  reporter fw\n    state healthy error 0 recover 0\n    which is what we expect here\n  reporter fw_fatal\n    state healthy error 0 recover 0\n');
    expect(r.items.map((i) => [i.name, i.other])).toEqual([['fw', {}], ['fw_fatal', {}]]);
    expect(r.issues.map((i) => [i.line, i.message])).toEqual([[4, 'not "key value" pairs of a health reporter']]);
    // A reporter's own pairs keep reading, the date and time of its last dump among them.
    const own = parseDevlinkHealth('pci/0000:01:00.0:\n  reporter fw\n    state error error 1 recover 0 last_dump_date 2024-03-17 last_dump_time 10:12:01\n');
    expect(own.items.map((i) => [i.state, i.error, i.lastDump])).toEqual([['error', 1, '2024-03-17 10:12:01']]);
    expect(own.issues).toEqual([]);
  });
});

describe('a health state line is never a sentence', () => {
  it('keeps an unread health line under the last read one as an unread line, not as words around the output', async () => {
    const { observeText } = await import('../../analyzer/parsers/text-input.js');
    const { parseDevlinkHealth } = await import('../../analyzer/classes/nic/devlink.js');
    const { pastedText } = await import('../../analyzer/load/pasted-text.js');
    const raw = '$ devlink health show pci/0000:01:00.0 reporter fw\nstate healthy error 0 recover 0 auto_dump true\n';
    const { value, seen } = observeText(() => parseDevlinkHealth(raw));
    const issues = value.issues.map((i) => i.line);
    const told = pastedText(seen, value);
    expect(told.around).not.toContain(2);
    expect(issues).toContain(2);
  });

});

describe('a later fenced block under a Markdown heading', () => {
  const param = ['```', '$ devlink dev param show pci/0000:06:00.0 name flow_steering_mode', 'pci/0000:06:00.0:', '  name flow_steering_mode type driver-specific', '    values:', '      cmode runtime value smfs', '```', '', '### /etc/modprobe.d/mlx5.conf', '', '```', 'options mlx5_core prof_sel=2', 'install mlx5_core /sbin/modprobe --ignore-install mlx5_core', '```'].join('\n');

  it('that holds no devlink output is another file the writer pasted: noted once, not line by line', () => {
    const r = parseDevlinkParams(param);
    expect(r.items.map((p) => [p.name, p.values[0]!.value])).toEqual([['flow_steering_mode', 'smfs']]);
    expect(r.issues.map((i) => [i.line, i.message])).toEqual([[12, '2 line(s) of another file, under the heading "/etc/modprobe.d/mlx5.conf", not read']]);
    const health = parseDevlinkHealth(param.replace(/dev param show .*/, 'health show').replace('  name flow_steering_mode type driver-specific\n    values:\n      cmode runtime value smfs', '  reporter fw\n    state healthy error 0 recover 0'));
    expect(health.items.map((x) => [x.name, x.state])).toEqual([['fw', 'healthy']]);
    expect(health.issues.map((i) => i.message)).toEqual(['2 line(s) of another file, under the heading "/etc/modprobe.d/mlx5.conf", not read']);
  });

  it('that holds a devlink output (`### After` an update) is read as a later output of the device', () => {
    const info = (fw: string): string[] => ['pci/0000:3b:00.0:', '  driver ice', '  versions:', '      running:', `        fw.mgmt ${fw}`];
    const r = parseDevlinkInfo(['Before:', '```', ...info('6.1.2'), '```', '', '### After', '', '```', ...info('7.0.1'), '```'].join('\n'));
    expect(r.items.map((d) => d.versions.running['fw.mgmt'])).toEqual(['6.1.2', '7.0.1']);
    expect(r.issues).toEqual([]);
  });
});

// A reporter's `devlink dev info; echo $?` (netdev, ConnectX-4 on firmware 12.18: fixtures/real/devlink-dev-info/mlx5-cx4-fw-12.18-no-output-echo-status-quoted).
describe('a devlink command typed with `; echo $?`', () => {
  it('leaves out the exit status the echo printed last, with or without devlink output above it', () => {
    const shown = parseDevlinkInfo(['$ devlink dev info; echo $?', 'pci/0000:3b:00.0:', '  driver mlx5_core', '  versions:', '      running:', '        fw.version 16.35.2000', '0'].join('\n'));
    expect(shown.issues).toEqual([]);
    expect(shown.items.map((i) => [i.handle, i.versions.running])).toEqual([['pci/0000:3b:00.0', { 'fw.version': '16.35.2000' }]]);
    const none = parseDevlinkInfo('> % devlink dev info; echo $?\n> 0\n');
    expect([none.items, none.issues]).toEqual([[], []]);
    // Without the echo on the command line, a lone number is no status of the shell's.
    expect(parseDevlinkInfo(['$ devlink dev info', 'pci/0000:3b:00.0:', '  driver mlx5_core', '0'].join('\n')).issues).toHaveLength(1);
  });
});
