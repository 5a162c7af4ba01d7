import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { release } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { firmwareSummary } from '../../analyzer/report/inventory-text.js';
import type { InventoryDevice } from '../../analyzer/report/inventory.js';
import type { Report } from '../../analyzer/report/model.js';
import { ensureBuilt, fwsnap } from './cli-helpers.js';
import { suiteDir } from './fake-bundle.js';

/**
 * Issue 15's done-when on the machine the tests run on: `fwsnap collect` of this host, live, then the report in
 * all four formats. The truth comes from this host's sysfs, read here beside the collector: every PCI function
 * with its bound driver, every network interface, every disk with a device behind it, every CPU and the
 * running kernel are in the inventory, and each inventory entry's firmware (or that it reported none) is in
 * its own row of the Markdown report, so a reader of a ticket learns it without SQL.
 */

const sysDirs = (dir: string, match: RegExp = /./): string[] => (existsSync(dir) ? readdirSync(dir).filter((n) => match.test(n)).sort() : []);
const driverOf = (bdf: string): string | null => {
  const link = `/sys/bus/pci/devices/${bdf}/driver`;
  return existsSync(link) ? basename(readlinkSync(link)) : null;
};

describe('the report of this host (live collect)', () => {
  let report: Report;
  const out: Record<'text' | 'markdown' | 'html', string> = { text: '', markdown: '', html: '' };
  beforeAll(() => {
    ensureBuilt();
    const bundle = join(suiteDir(), 'this-host.tar.gz');
    const c = fwsnap(['collect', '-o', bundle]);
    expect(c.status, c.stderr).toBe(0);
    const json = fwsnap(['analyze', bundle, '--format', 'json']);
    expect(json.status, json.stderr).not.toBe(2);
    report = JSON.parse(json.stdout) as Report;
    for (const f of ['text', 'markdown', 'html'] as const) out[f] = fwsnap(['analyze', bundle, '--format', f]).stdout;
  }, 180_000);

  const entryWith = (key: string): InventoryDevice | undefined => report.inventory.find((d) => d.keys.includes(key));

  it('every PCI function in /sys/bus/pci is in the inventory at its address, with the driver bound to it', () => {
    const functions = sysDirs('/sys/bus/pci/devices');
    expect(functions.length, 'a Linux host (or VM) has PCI functions').toBeGreaterThan(0);
    for (const bdf of functions) {
      const d = entryWith(bdf);
      expect(d, bdf).toBeDefined();
      expect(d!.location.pci, bdf).toBe(bdf);
      const driver = driverOf(bdf);
      if (d!.keys[0] === bdf) expect(d!.driver, `driver of ${bdf}`).toBe(driver);
      else if (driver) expect([d!.driver, ...d!.interfaceDrivers], `driver of ${bdf}`).toContain(driver);
    }
  });

  it('every network interface, every disk with a device behind it, every CPU and the kernel are in it', () => {
    for (const ifname of sysDirs('/sys/class/net')) {
      const d = entryWith(`net:${ifname}`);
      expect(d, ifname).toBeDefined();
      expect([...d!.location.interfaces, d!.name].join(' '), ifname).toContain(ifname);
      // An interface of a PCI function shows the driver that runs it where it is not the function's own.
      const driver = existsSync(`/sys/class/net/${ifname}/device/driver`) ? basename(readlinkSync(`/sys/class/net/${ifname}/device/driver`)) : null;
      if (d!.location.pci && driver) expect([d!.driver, ...d!.interfaceDrivers]).toContain(driver);
    }
    for (const disk of sysDirs('/sys/block').filter((b) => existsSync(`/sys/block/${b}/device`))) {
      const d = entryWith(`block:${disk}`);
      expect(d, disk).toBeDefined();
      expect(d!.location.dev, disk).toContain(`/dev/${disk}`);
    }
    const cpus = sysDirs('/sys/devices/system/cpu', /^cpu\d+$/).filter((c) => existsSync(`/sys/devices/system/cpu/${c}/topology`));
    expect(report.inventory.flatMap((d) => d.keys).filter((k) => /^cpu:\d+$/.test(k))).toHaveLength(cpus.length);
    expect(entryWith('kernel')?.name).toBe(`Linux kernel ${release()}`);
  });

  it('names every entry in words and gives every entry its firmware, or says it reported none, in all four formats', () => {
    const devices = report.inventory.filter((d) => d.key !== 'host');
    expect(devices.length).toBeGreaterThan(0);
    const rows = out.markdown.split('\n').filter((l) => l.startsWith('| '));
    for (const d of devices) {
      // A name a person reads, not a database key.
      expect(d.name, d.key).not.toBe(d.key);
      expect(d.name, d.key).not.toMatch(/^[a-z_]+:\S+$/);
      const fw = d.firmware.length ? firmwareSummary(d.firmware) : ['none reported'];
      const row = rows.find((l) => l.startsWith(`| ${d.name.replace(/\|/g, '\\|')}`));
      expect(row, `Markdown row of ${d.name}`).toBeDefined();
      for (const f of fw) expect(row, `${d.name}: ${f}`).toContain(f);
      for (const f of fw) expect(out.text, `text: ${d.name}: ${f}`).toContain(f);
      expect(out.html, `HTML: ${d.name}`).toContain(`data-key="${d.key}"`);
      for (const f of fw) expect(out.html, `HTML: ${d.name}: ${f}`).toContain(f.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
    }
  });

  it('opens every format with the same summary, counting the devices collect counted', () => {
    const summary = out.text.split('\n')[0]!;
    expect(summary).toMatch(new RegExp(`^\\S+: .*${report.inventory.length} inventory entries \\(${report.bundles[0]!.devices} devices\\)`));
    expect(out.markdown).toContain(`**${summary}**`);
    expect(out.html).toContain(summary.replace(/&/g, '&amp;'));
    expect(report.inventory.flatMap((d) => d.keys)).toHaveLength(report.bundles[0]!.devices);
  });

  it('reads the CPU microcode revision where the kernel exposes it', () => {
    const sysfs = '/sys/devices/system/cpu/cpu0/microcode/version';
    const cpuinfo = /^microcode\s*:\s*(\S+)/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
    const revision = existsSync(sysfs) ? readFileSync(sysfs, 'utf8').trim() : cpuinfo;
    const cpu = entryWith('cpu:0')!;
    if (revision) expect(cpu.firmware.map((f) => f.version)).toContain(revision);
    else expect(cpu.firmware).toEqual([]);
  });
});
