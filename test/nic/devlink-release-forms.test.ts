import { describe, expect, it } from 'vitest';
import { parseDevlinkHealth, parseDevlinkInfo, parseDevlinkParams } from '../../analyzer/classes/nic/devlink.js';
import { parseDevlinkPorts } from '../../analyzer/classes/nic/devlink-port.js';

/**
 * The forms iproute2's devlink prints, laid out as each release's printer writes them (devlink/devlink.c of
 * iproute2/iproute2: pr_out_info, pr_out_param / pr_out_param_value, pr_out_health at the tags named). The table of
 * forms is in docs/artifacts/nic.md.
 */

describe('devlink health show, text, by release', () => {
  it('v5.1–v5.3: "name" for the reporter, its attributes on the line below, a second device after', () => {
    const r = parseDevlinkHealth(`$ devlink health show
pci/0000:00:09.0:
  name tx
    state healthy error 0 recover 0 grace_period 500 auto_recover true
  name rx
    state error error 3 recover 2 last_dump_date 2019-05-02 last_dump_time 14:03:21 grace_period 500 auto_recover true
pci/0000:00:0a.0:
  name tx
    state healthy error 0 recover 0
`);
    expect(r.issues).toEqual([]);
    expect(r.items.map((x) => [x.handle, x.name, x.state, x.error, x.recover, x.gracePeriodMs, x.autoRecover, x.lastDump])).toEqual([
      ['pci/0000:00:09.0', 'tx', 'healthy', 0, 0, 500, true, undefined],
      ['pci/0000:00:09.0', 'rx', 'error', 3, 2, 500, true, '2019-05-02 14:03:21'],
      ['pci/0000:00:0a.0', 'tx', 'healthy', 0, 0, undefined, undefined, undefined],
    ]);
  });

  it('v6.19–v7.1: burst_period, auto_dump, a port handle and an unlimited grace period', () => {
    const r = parseDevlinkHealth(`pci/0000:00:09.0:
  reporter fw_fatal
    state healthy error 0 recover 0 grace_period 1200000 burst_period 0 auto_recover true auto_dump true
pci/0000:00:09.0/1:
  reporter tx
    state healthy error 0 recover 0 grace_period unlimited auto_recover true auto_dump true
`);
    expect(r.issues).toEqual([]);
    expect(r.items[0]).toMatchObject({ name: 'fw_fatal', gracePeriodMs: 1200000, autoDump: true, other: { burst_period: 0 } });
    expect(r.items[1]).toMatchObject({ handle: 'pci/0000:00:09.0/1', name: 'tx', other: { grace_period: 'unlimited' } });
  });

  it('the error line of old (devlink answers) and new (kernel answers) releases gives no reporter and no unread line', () => {
    for (const answer of ['devlink answers: Operation not supported', 'kernel answers: Operation not supported']) {
      expect(parseDevlinkHealth(`$ devlink health show pci/0000:00:09.0 reporter tx\n${answer}\n`)).toEqual({ items: [], issues: [] });
    }
  });
});

describe('devlink dev info, text, by release', () => {
  it('v5.1: no board.serial_number; a device with versions only and one with a serial only', () => {
    const r = parseDevlinkInfo(`pci/0000:82:00.0:
  driver nfp
  serial_number 16240145
  versions:
      fixed:
        board.id AMDA0081-0001
      running:
        fw.mgmt 010156.010156.010156
      stored:
        fw.mgmt 010156.010156.010156
pci/0000:83:00.0:
  versions:
      running:
        fw 1.2.3
pci/0000:84:00.0:
  serial_number 0123
`);
    expect(r.issues).toEqual([]);
    expect(r.items.map((i) => [i.handle, i.driver, i.serialNumber, i.versions])).toEqual([
      ['pci/0000:82:00.0', 'nfp', '16240145', { fixed: { 'board.id': 'AMDA0081-0001' }, running: { 'fw.mgmt': '010156.010156.010156' }, stored: { 'fw.mgmt': '010156.010156.010156' } }],
      ['pci/0000:83:00.0', undefined, undefined, { fixed: {}, running: { fw: '1.2.3' }, stored: {} }],
      ['pci/0000:84:00.0', undefined, '0123', { fixed: {}, running: {}, stored: {} }],
    ]);
  });

  it('JSON of a host with no device that answers: no device', () => {
    expect(parseDevlinkInfo('{"info":{}}')).toEqual({ items: [], issues: [] });
  });
});

describe('devlink dev param show, text, by release', () => {
  it('a value devlink could not name: up to 6.19 the cmode alone, from 7.0 "value" with nothing after it', () => {
    const r = parseDevlinkParams(`pci/0000:01:00.0:
  name fw_load_policy type generic
    values:
      cmode driverinit
  name reset_dev_on_drv_probe type generic
    values:
      cmode permanent value
  name enable_roce type generic
    values:
      cmode driverinit value true default true
`);
    expect(r.issues).toEqual([]);
    expect(r.items.map((p) => [p.name, p.values])).toEqual([
      ['fw_load_policy', [{ cmode: 'driverinit', value: null }]],
      ['reset_dev_on_drv_probe', [{ cmode: 'permanent', value: null }]],
      ['enable_roce', [{ cmode: 'driverinit', value: true, default: true }]],
    ]);
  });
});

/**
 * A value the tool has no name for: devlink prints it in angle brackets, a space inside (devlink/devlink.c at ee2a4a86:
 * port_type_name `<unknown type>`, port_flavour_name `<unknown flavour>` since 852ed605 (v4.18), port_fn_state and
 * port_fn_opstate `<unknown state>`, health_state_name `<unknown state>`). An iproute2 older than the kernel prints it,
 * e.g. v4.18–v5.2 (physical, cpu, dsa only) for an mlx5 VF representor's `pcivf` flavour. It is one value, as printed.
 */
describe('devlink names a value it does not know', () => {
  it('port show: `flavour <unknown flavour>`, `type <unknown type>`, a function `state <unknown state>` are values', () => {
    const r = parseDevlinkPorts(`pci/0000:03:00.0/1: type eth netdev enp3s0f0_0 flavour <unknown flavour> pfnum 0 vfnum 0
pci/0000:03:00.0/2: type <unknown type> flavour physical port 1
  function:
    hw_addr 00:11:22:33:44:55 state <unknown state> opstate <unknown state>
`);
    expect(r.issues).toEqual([]);
    expect(r.items[0]!.attrs).toEqual({ type: 'eth', netdev: 'enp3s0f0_0', flavour: '<unknown flavour>', pfnum: 0, vfnum: 0 });
    expect(r.items[1]!.attrs).toEqual({ type: '<unknown type>', flavour: 'physical', port: 1 });
    expect(r.items[1]!.nested.function).toEqual({ hw_addr: '00:11:22:33:44:55', state: '<unknown state>', opstate: '<unknown state>' });
  });

  it('health show: `state <unknown state>` keeps the reporter\'s counts', () => {
    const r = parseDevlinkHealth('pci/0000:00:09.0:\n  reporter tx\n    state <unknown state> error 1 recover 1 grace_period 500 auto_recover true\n');
    expect(r.issues).toEqual([]);
    expect(r.items).toEqual([{ handle: 'pci/0000:00:09.0', name: 'tx', state: '<unknown state>', error: 1, recover: 1, gracePeriodMs: 500, autoRecover: true, other: {} }]);
  });
});
