import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDevlinkPorts } from '../../analyzer/classes/nic/devlink-port.js';

/** `devlink port show` as text, as `-p` prints it and as JSON: the same ports read alike (real outputs of the corpus). */
const real = (f: string): string => readFileSync(new URL(`./fixtures/real/devlink-port/${f}`, import.meta.url), 'utf8');

describe('devlink port show', () => {
  it('reads each port line and its function group (an ice E810 in switchdev with four VFs)', () => {
    const { items, issues } = parseDevlinkPorts(real('ice-vf-hw-addr-three-shows-ip-link-between.txt'));
    const last = items.slice(-6);
    expect(last.map((p) => p.handle)).toEqual(['pci/0000:08:00.0/0', 'pci/0000:08:00.0/2', 'pci/0000:08:00.0/3', 'pci/0000:08:00.0/4', 'pci/0000:08:00.0/5', 'pci/0000:08:00.1/0']);
    expect(last[0]!.attrs).toEqual({ type: 'eth', netdev: 'enp8s0f0np0', flavour: 'physical', port: 0, splittable: true, lanes: 8 });
    expect(last[4]!.attrs).toMatchObject({ flavour: 'pcivf', controller: 0, pfnum: 0, vfnum: 2, external: false });
    expect(last[4]!.nested).toEqual({ function: { hw_addr: 'aa:bb:cc:dd:ee:ff' } });
    // grep's line, eswitch's warning and the ip link outputs: each noted once
    expect(issues).toHaveLength(3);
  });

  it('reads -p, where the attributes are on the line under the handle, as the one-line form', () => {
    const text = 'pci/0000:06:00.0/32768:\n  type eth netdev ens2f0npf0sf88 flavour pcisf controller 0 pfnum 0 sfnum 88 external false splittable false\n    function:\n      hw_addr 00:00:00:00:88:88 state inactive opstate detached\n';
    const { items, issues } = parseDevlinkPorts(text);
    expect(issues).toEqual([]);
    expect(items).toEqual([{ handle: 'pci/0000:06:00.0/32768', attrs: { type: 'eth', netdev: 'ens2f0npf0sf88', flavour: 'pcisf', controller: 0, pfnum: 0, sfnum: 88, external: false, splittable: false }, nested: { function: { hw_addr: '00:00:00:00:88:88', state: 'inactive', opstate: 'detached' } } }]);
  });

  it('a writer\'s label after the output (`phys_port_name construction:`) is no attribute of the last port\'s function', () => {
    // The real mlx5 external-controller commit message: before, the label was stored as function.phys_port_name 'construction:'.
    const { items, issues } = parseDevlinkPorts(real('mlx5-external-controller-sf-port-add-phys-port-name-label.txt'));
    const pf = items.find((p) => p.handle === 'pci/0033:01:00.0/131072');
    expect(pf?.nested).toEqual({ function: { hw_addr: '00:00:00:00:00:00' } });
    expect(issues.some((i) => i.text === 'phys_port_name construction:')).toBe(true);
  });

  it('reads JSON alike', () => {
    const { items } = parseDevlinkPorts(real('mlx5-sf-function-active-jp.json'));
    expect(items).toEqual([{ handle: 'pci/0000:06:00.0/32768', attrs: { type: 'eth', netdev: 'ens2f0npf0sf88', flavour: 'pcisf', controller: 0, pfnum: 0, sfnum: 88, external: false, splittable: false }, nested: { function: { hw_addr: '00:00:00:00:88:88', state: 'active', opstate: 'attached' } } }]);
  });

  it('names a line of attributes under a port that printed its own as unread, not as the port\'s', () => {
    const { items, issues } = parseDevlinkPorts('pci/0000:06:00.0/65535: type eth netdev ens2f0np0 flavour physical port 0 splittable false\n    hw_addr 00:00:00:00:00:00 state inactive\n');
    expect(items[0]!.attrs).toEqual({ type: 'eth', netdev: 'ens2f0np0', flavour: 'physical', port: 0, splittable: false });
    expect(issues).toHaveLength(1);
  });
});

/**
 * The devlink instance of a port function, as iproute2 prints it since 3e90f377 ("devlink: print nested handle for port
 * function", v6.7; devlink/devlink.c at ee2a4a86: pr_out_port_function → pr_out_nested_handle_obj → __pr_out_nested_handle):
 * an object `nested_devlink` under the function's attributes, its handle on a line of its own, with ` netns NAME` or
 * ` netnsid N` after a colon when the kernel gives the instance's namespace. No public output of it was found; the text is
 * what that code prints (indentation from __pr_out_indent_inc, two spaces a level).
 */
describe('devlink port show, the port function\'s nested devlink instance', () => {
  const port = 'pci/0000:08:00.0/32768: type eth netdev eth6 flavour pcisf controller 0 pfnum 0 sfnum 88 splittable false\n  function:\n    hw_addr 00:00:00:00:88:88 state active opstate attached roce enable\n';
  const attrs = { type: 'eth', netdev: 'eth6', flavour: 'pcisf', controller: 0, pfnum: 0, sfnum: 88, splittable: false };
  const fn = { hw_addr: '00:00:00:00:88:88', state: 'active', opstate: 'attached', roce: 'enable' };

  it('is read as the function\'s, not as an unread line', () => {
    const { items, issues } = parseDevlinkPorts(`${port}      nested_devlink:\n        auxiliary/mlx5_core.sf.2\npci/0000:08:00.0/65535: type eth netdev p0 flavour physical port 0 splittable false\n`);
    expect(issues).toEqual([]);
    expect(items[0]).toEqual({ handle: 'pci/0000:08:00.0/32768', attrs, nested: { function: { ...fn, nested_devlink: 'auxiliary/mlx5_core.sf.2' } } });
    expect(items[1]!.attrs).toMatchObject({ netdev: 'p0', flavour: 'physical' });
  });

  it('with its namespace (netns name, or netnsid), and a PCI handle holding colons', () => {
    const a = parseDevlinkPorts(`${port}      nested_devlink:\n        auxiliary/mlx5_core.sf.2: netns ns1\n`);
    expect(a.issues).toEqual([]);
    expect(a.items[0]!.nested.function).toEqual({ ...fn, nested_devlink: 'auxiliary/mlx5_core.sf.2', 'nested_devlink.netns': 'ns1' });
    const b = parseDevlinkPorts(`${port}      nested_devlink:\n        pci/0000:08:00.2: netnsid 3\n`);
    expect(b.issues).toEqual([]);
    expect(b.items[0]!.nested.function).toEqual({ ...fn, nested_devlink: 'pci/0000:08:00.2', 'nested_devlink.netnsid': 3 });
  });

  it('reads JSON alike (`"nested_devlink": {"auxiliary/mlx5_core.sf.2": {"netns": "ns1"}}`)', () => {
    const json = JSON.stringify({ port: { 'pci/0000:08:00.0/32768': { ...attrs, function: { ...fn, nested_devlink: { 'auxiliary/mlx5_core.sf.2': { netns: 'ns1' } } } } } });
    const { items } = parseDevlinkPorts(json);
    expect(items[0]!.nested.function).toEqual({ ...fn, nested_devlink: 'auxiliary/mlx5_core.sf.2', 'nested_devlink.netns': 'ns1' });
  });
});
