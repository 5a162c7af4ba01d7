import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ETHTOOL, ETHTOOL_SIZE, ethtoolBuffer, ethtoolCall } from '../../collector/classes/nic/ethtool-ioctl.js';
import { KoffiTransport } from '../../collector/ioctl/koffi-transport.js';
import { parseChannels, parseDrvinfo, parseRingparam } from '../../analyzer/classes/nic/ethtool.js';
import { parseEthtoolInfoText } from '../../analyzer/classes/nic/ethtool-info-text.js';

/** A real interface with a driver behind it, if this host has one and the ethtool tool to compare with. */
function physicalInterface(): string | undefined {
  if (process.platform !== 'linux' || !existsSync('/usr/sbin/ethtool') || !existsSync('/sys/class/net')) return undefined;
  return readdirSync('/sys/class/net').find((n) => existsSync(`/sys/class/net/${n}/device/driver`));
}

const ifname = physicalInterface();
const ethtoolText = (...args: string[]): string => execFileSync('ethtool', args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });

function ask(cmd: number, size: number): Buffer {
  const t = new KoffiTransport();
  try {
    const buf = ethtoolBuffer(cmd, size);
    const out = t.call(ethtoolCall(ifname!, buf));
    if (out.rc < 0) throw new Error(`ioctl failed with errno ${out.errno}`);
    return buf;
  } finally {
    t.close?.();
  }
}

/** The number after `label:` in the section of `ethtool -g/-l` output that starts at `header`. */
function field(text: string, header: string, label: string): number | undefined {
  const section = text.slice(text.indexOf(header));
  const m = new RegExp(`^${label}:\\s+(\\S+)`, 'm').exec(section);
  return m && m[1] !== 'n/a' ? Number(m[1]) : m ? 0 : undefined;
}

describe.skipIf(!ifname)(`parsers against the ethtool tool on this host (${ifname ?? 'none'})`, () => {
  it('drvinfo matches ethtool -i', () => {
    const raw = parseDrvinfo(ask(ETHTOOL.GDRVINFO, ETHTOOL_SIZE.drvinfo));
    const text = parseEthtoolInfoText(ethtoolText('-i', ifname!));
    expect(raw.driver).toBe(text.driver);
    expect(raw.version).toBe(text.version);
    expect(raw.fwVersion).toBe(text.fwVersion);
    expect(raw.busInfo).toBe(text.busInfo);
    expect(raw.nStats > 0).toBe(text.supports.statistics);
    expect(raw.regdumpLen > 0).toBe(text.supports.registerDump);
    expect(raw.nPrivFlags > 0).toBe(text.supports.privFlags);
  });

  it('ringparam and channels match ethtool -g / -l', () => {
    const ring = parseRingparam(ask(ETHTOOL.GRINGPARAM, ETHTOOL_SIZE.ringparam));
    const g = ethtoolText('-g', ifname!);
    expect(ring.rxMaxPending).toBe(field(g, 'Pre-set maximums', 'RX'));
    expect(ring.txPending).toBe(field(g, 'Current hardware settings', 'TX'));
    const ch = parseChannels(ask(ETHTOOL.GCHANNELS, ETHTOOL_SIZE.channels));
    const l = ethtoolText('-l', ifname!);
    expect(ch.maxCombined).toBe(field(l, 'Pre-set maximums', 'Combined'));
    expect(ch.combinedCount).toBe(field(l, 'Current hardware settings', 'Combined'));
  });
});
