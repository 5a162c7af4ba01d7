import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { savedSmartctlArgv } from '../../collector/classes/ata/smartctl-source.js';
import { treeOf } from '../helpers/tmp.js';

// The heads of real outputs of the storage trial (test/ata/fixtures/real/smartctl, test/nvme/fixtures/real/smartctl).
const SAS = 'Vendor:               SEAGATE\nProduct:              ST91000640SS\nRevision:             0001\nSerial number:        <removed>\nTransport protocol:   SAS (SPL-3)\nSMART Health Status: OK\n';
const NVME = [
  'smartctl 7.4 2023-08-01 r5530 [x86_64-linux-6.6.63-1-lts] (local build)',
  '=== START OF INFORMATION SECTION ===',
  'Model Number:                       SPCC M.2 PCIe SSD',
  'Serial Number:                      FCBE079A17B000288344',
  'Firmware Version:                   ECFM22.5',
  '',
  '=== START OF SMART DATA SECTION ===',
  'SMART overall-health self-assessment test result: PASSED',
  '',
].join('\n');
// A report that ran smartctl on every block device: the loop device's run is only smartctl's error.
const LOOP_FIRST = `### loop0\n\`\`\`\nsmartctl 7.4 2023-08-01 r5530 [x86_64-linux-6.6.63-1-lts] (local build)\n\n/dev/loop0: Unable to detect device type\nPlease specify device type with the -d option.\n\`\`\`\n### nvme0n1\n\`\`\`\n${NVME}\`\`\`\n`;

async function deviceKeys(files: Record<string, string>): Promise<string[]> {
  const tree = treeOf(files);
  const out = join(tree, 'b.tar.gz');
  await collect({ output: out, root: tree, only: ['ata'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  return (db.prepare(`SELECT device_key FROM devices ORDER BY device_key`).all() as { device_key: string }[]).map((r) => r.device_key);
}

describe('a person\'s label in a saved smartctl name is no device', () => {
  it('a word that names no device node (a model, `sas-drive`, a report\'s name) is a label, not /dev/<word>', () => {
    expect(savedSmartctlArgv('cmd/smartctl/smartctl -a sas-drive.txt', SAS)).toEqual(['smartctl', '-a']);
    expect(savedSmartctlArgv('cmd/smartctl/smartctl-x HUS154545VLS300.txt')).toEqual(['smartctl', '-x']);
    expect(savedSmartctlArgv('cmd/smartctl/nuc8-disks.txt', NVME)).toEqual(['smartctl']);
    expect(savedSmartctlArgv('cmd/smartctl/smartctl -a sda before update.txt')).toEqual(['smartctl', '-a', '/dev/sda']);
  });

  it('device nodes and paths are still devices: Linux, FreeBSD, macOS, Synology, partitions, /dev/bus/N', () => {
    for (const [w, dev] of [['sdb', '/dev/sdb'], ['nvme0n1p8', '/dev/nvme0n1p8'], ['ada1', '/dev/ada1'], ['da0', '/dev/da0'], ['disk2', '/dev/disk2'], ['sata1', '/dev/sata1'], ['sg3', '/dev/sg3'], ['twa0', '/dev/twa0'], ['%2fdev%2fdisk%2fby-id%2fata-X', '/dev/disk/by-id/ata-X']]) {
      expect(savedSmartctlArgv(`cmd/smartctl/-a_${w}.txt`), w).toEqual(['smartctl', '-a', dev]);
    }
    expect(savedSmartctlArgv('cmd/smartctl/-d_megaraid,16_-a_bus_0.txt')).toEqual(['smartctl', '-d', 'megaraid,16', '-a', '/dev/bus/0']);
  });

  it('the one device name among a label\'s dashed parts is the device (`shredos-debug-sdb.log`, `host1-nvme0.txt`)', () => {
    expect(savedSmartctlArgv('cmd/smartctl/shredos-debug-sdb.log')).toEqual(['smartctl', '/dev/sdb']);
    expect(savedSmartctlArgv('cmd/smartctl/host1-nvme0.txt')).toEqual(['smartctl', '/dev/nvme0']);
    expect(savedSmartctlArgv('cmd/smartctl/old-sda-new-sdb.txt')).toEqual(['smartctl']);
  });

  it('takes the device of the text, not of a run smartctl could not open that the paste holds above it', () => {
    expect(savedSmartctlArgv('cmd/smartctl/nuc8-disks.txt', LOOP_FIRST)).toEqual(['smartctl']);
    expect(savedSmartctlArgv('cmd/smartctl/report.txt', 'Smartctl open device: /dev/sdb failed: No such device\n' + `# smartctl -a /dev/sdc\n${SAS}`)).toEqual(['smartctl', '/dev/sdc']);
  });

  it('keys a labelled output by its serial or its file, never by the label as a device; a partition by its drive', async () => {
    expect(await deviceKeys({ 'cmd/smartctl/nuc8-disks.txt': LOOP_FIRST })).toEqual(['nvme:smartctl-FCBE079A17B000288344']);
    expect(await deviceKeys({ 'cmd/smartctl/smartctl.txt': `$ sudo smartctl -a /dev/nvme0n1p8\n${NVME}` })).toEqual(['nvme:nvme0']);
    expect(await deviceKeys({ 'cmd/smartctl/-a_sdb1.txt': `smartctl 6.2\n${SAS}` })).toEqual(['block:sdb']);
  });

  it('two outputs whose names give no device (labels only) are both read, each drive by its serial', async () => {
    const other = NVME.replace('FCBE079A17B000288344', 'FCBE079A17B000299455');
    expect(await deviceKeys({ 'cmd/smartctl/smartctl -a old-ssd.txt': NVME, 'cmd/smartctl/smartctl -a new-ssd.txt': other })).toEqual(['nvme:smartctl-FCBE079A17B000288344', 'nvme:smartctl-FCBE079A17B000299455']);
  });
});

describe('an output that names no device node and no serial is keyed by what is its own, never by its tree partners', () => {
  const real = (p: string): string => readFileSync(new URL(`./fixtures/real/smartctl/${p}.txt`, import.meta.url), 'utf8');
  // Real outputs whose serial is '--' (an OpenBSD host's bsdhw report, a linux-hardware.org probe).
  const OPENBSD = real('apple-hts545050a7e362-bsdhw-openbsd');
  const GREEN = real('wdc-wd10eacs-caviar-green-linuxhw');

  it('by the label its saved name gives, the same alone, beside another such output, and saved with -a for -x', async () => {
    const alone = await deviceKeys({ 'cmd/smartctl/-x_macbook.out': OPENBSD });
    expect(alone).toEqual(['ata:smartctl-macbook']);
    expect(await deviceKeys({ 'cmd/smartctl/-a_macbook.out': OPENBSD })).toEqual(alone);
    expect(await deviceKeys({ 'cmd/smartctl/-a_green.out': GREEN, 'cmd/smartctl/-a_macbook.out': OPENBSD })).toEqual(['ata:smartctl-green', ...alone]);
    expect(await deviceKeys({ 'smartctl -a macbook.txt': OPENBSD, 'smartctl -a Green.txt': GREEN })).toEqual(['ata:smartctl-Green', ...alone]);
  });

  it('OpenBSD\'s and NetBSD\'s disk names (wd0, sd0, a raw partition rwd0c) are devices there, keyed as the disk is called', async () => {
    for (const [w, dev] of [['wd0', '/dev/wd0'], ['sd1', '/dev/sd1'], ['rwd0c', '/dev/rwd0c']]) {
      expect(savedSmartctlArgv(`cmd/smartctl/-x_${w}.out`), w).toEqual(['smartctl', '-x', dev]);
    }
    expect(savedSmartctlArgv('cmd/smartctl/smartctl-a-wd0.txt')).toEqual(['smartctl', '-a', '/dev/wd0']);
    const wd0 = await deviceKeys({ 'cmd/smartctl/-x_wd0.out': OPENBSD });
    expect(wd0).toEqual(['ata:wd0']);
    expect(await deviceKeys({ 'smartctl -a rwd0c.txt': OPENBSD })).toEqual(wd0);
    expect(await deviceKeys({ 'cmd/smartctl/-a_green.out': GREEN, 'cmd/smartctl/-a_wd0.out': OPENBSD })).toEqual(['ata:smartctl-green', ...wd0]);
  });

  it('by the model it prints when its name gives no label, whichever of two such outputs the tree lists first', async () => {
    const keys = ['ata:smartctl-APPLE_HDD_HTS545050A7E362', 'ata:smartctl-WDC_WD10EACS-00D6B0'];
    expect(await deviceKeys({ 'cmd/smartctl/-x.txt': OPENBSD, 'cmd/smartctl/smartctl_-x.log': GREEN })).toEqual(keys);
    expect(await deviceKeys({ 'cmd/smartctl/-x.txt': GREEN, 'cmd/smartctl/smartctl_-x.log': OPENBSD })).toEqual(keys);
  });

  it('two outputs of one label printing different models are two drives; -x and -a of one drive are one', async () => {
    expect(await deviceKeys({ 'cmd/smartctl/-x_laptop.txt': OPENBSD, 'cmd/smartctl/-x_laptop.log': GREEN })).toEqual(['ata:smartctl-laptop', 'ata:smartctl-laptop@2']);
    expect(await deviceKeys({ 'cmd/smartctl/-x_laptop.txt': OPENBSD, 'cmd/smartctl/-a_laptop.txt': OPENBSD })).toEqual(['ata:smartctl-laptop']);
  });
});
