/**
 * A devlink command typed with its output filtered through a pipe (`devlink port|grep physical`, `devlink health | grep -A1
 * reporter`, as the real dpservice issue 499 shows it): the lines printed are the devlink command's, a grep keeping some
 * of them. Before, the command with the pipe was taken for another command, and every line was an unread line of it.
 */
import { describe, expect, it } from 'vitest';
import { parseDevlinkHealth } from '../../analyzer/classes/nic/devlink.js';
import { parseDevlinkPorts } from '../../analyzer/classes/nic/devlink-port.js';

const PORT = 'pci/0000:98:00.0/65535: type eth netdev ens3f0np0 flavour physical port 0 splittable false\n';

describe('a devlink command piped through grep', () => {
  for (const pipe of ['|grep physical', ' | grep physical', ' |grep -w physical']) {
    it(`devlink port${pipe}: the port read, no unread line`, () => {
      const r = parseDevlinkPorts(`# devlink port${pipe}\n${PORT}`);
      expect(r.issues).toEqual([]);
      expect(JSON.stringify(r.items)).toContain('ens3f0np0');
    });
  }

  it('devlink health | grep -B1 -A1 reporter: the reporters read', () => {
    const r = parseDevlinkHealth('$ devlink health | grep -B1 -A1 reporter\npci/0000:01:00.0:\n  reporter fw\n    state healthy error 0 recover 0 auto_dump true\n');
    expect(r.issues).toEqual([]);
    expect(JSON.stringify(r.items)).toContain('"fw"');
  });

  it('another tool piped (ethtool -i eth0 | grep bus) between two ports is still another command', () => {
    const r = parseDevlinkPorts(`# devlink port show\n${PORT}# ethtool -i ens3f0np0 | grep bus\nbus-info: 0000:98:00.0\n`);
    expect(r.issues.map((i) => i.message)).toEqual([expect.stringContaining('ethtool -i ens3f0np0 | grep bus')]);
  });
});
