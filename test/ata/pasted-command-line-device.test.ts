import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { savedSmartctlArgv } from '../../collector/classes/ata/smartctl-source.js';
import { savedHdparmArgv } from '../../collector/classes/ata/hdparm-source.js';
import { treeOf } from '../helpers/tmp.js';

/** A web page's escaping (as in test/real-corpus/pasted-forms.ts) of a pasted text (`&`, `<`, `>`, quotes and `/` as character references), as ticket exports write it. */
const htmlEscaped = (t: string): string =>
  t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/\//g, '&#x2F;');

// The head of a smartctl 5.43 output of a SAS drive behind a MegaRAID controller (v-zhuravlev/zbx-smartctl pull
// request 102), its serial masked by the poster: only the command line pasted above it names the drive.
const SAS_543 = [
  '[root@db1 ~]# smartctl -i -H -A -l error -l background -d megaraid,3  /dev/sdb',
  'smartctl 5.43 2016-09-28 r4347 [x86_64-linux-2.6.32-754.14.2.el6.x86_64] (local build)',
  'Copyright (C) 2002-12 by Bruce Allen, http://smartmontools.sourceforge.net',
  '',
  'Vendor:               SEAGATE ',
  'Product:              ST4000NM0023    ',
  'Revision:             0006',
  'Serial number:        Z1ZB1QCV0000R642XXXX',
  'Device type:          disk',
  'Transport protocol:   SAS',
  'SMART Health Status: OK',
  '',
].join('\n');

describe('the drive a pasted command line names, when the saved name names none', () => {
  it('is read from a command line a web page HTML-escaped (`&#x2F;dev&#x2F;sdb`, `2&gt;&amp;1`)', () => {
    expect(savedSmartctlArgv('cmd/smartctl/smartctl.txt', htmlEscaped(SAS_543))).toEqual(['smartctl', '-d', 'megaraid,3', '/dev/sdb']);
    // A typed glob names no disk, escaped or not.
    expect(savedHdparmArgv('cmd/hdparm/hdparm-I.txt', htmlEscaped('# hdparm -I /dev/sd?\nATA device, with non-removable media\n'))).toEqual(['hdparm', '-I']);
  });

  it('keeps the -d type of that command line: the port behind a RAID controller is part of which drive it is', () => {
    expect(savedSmartctlArgv('cmd/smartctl/smartctl.txt', SAS_543)).toEqual(['smartctl', '-d', 'megaraid,3', '/dev/sdb']);
    expect(savedSmartctlArgv('cmd/smartctl/-a.txt', '# smartctl -a /dev/sda --device=cciss,1\nsmartctl 6.2\n')).toEqual(['smartctl', '-d', 'cciss,1', '-a', '/dev/sda']);
    // Of two runs pasted one after the other, the last one naming the drive printed the output below it.
    const two = "# smartctl -i /dev/sda\nSmartctl open device: /dev/sda failed: DELL or MegaRaid controller, please try adding '-d megaraid,N'\n\n# smartctl -i /dev/sda -d megaraid,0\nsmartctl 5.41\n";
    expect(savedSmartctlArgv('cmd/smartctl/-i.txt', two)).toEqual(['smartctl', '-d', 'megaraid,0', '-i', '/dev/sda']);
    // A type the name gives is the name's; the banner (`smartctl 5.43 …`) is no command line.
    expect(savedSmartctlArgv('cmd/smartctl/-d_sat_-a.txt', SAS_543)).toEqual(['smartctl', '-d', 'sat', '-a', '/dev/sdb']);
    // Windows' prompt and CRLF line ends.
    expect(savedSmartctlArgv('cmd/smartctl/smartctl.txt', SAS_543.replace('[root@db1 ~]# ', 'C:\\>').replace(/\n/g, '\r\n'))).toEqual(['smartctl', '-d', 'megaraid,3', '/dev/sdb']);
    // A terminal's colours around the command line; the paste inside a JSON log line, its lines as `\n` escapes.
    expect(savedSmartctlArgv('cmd/smartctl/smartctl.txt', SAS_543.replace('/dev/sdb', '\x1b[1;32m/dev/sdb\x1b[0m'))).toEqual(['smartctl', '-d', 'megaraid,3', '/dev/sdb']);
    expect(savedSmartctlArgv('cmd/smartctl/smartctl.txt', `${JSON.stringify({ stdout: `Here it is:\n\n${SAS_543.replace('[root@db1 ~]# ', '')}` })}\n`)).toEqual(['smartctl', '-d', 'megaraid,3', '/dev/sdb']);
    // smartctl -j prints the type it used beside the device's name.
    const json = '{"device": {"name": "/dev/bus/0", "info_name": "/dev/bus/0 [megaraid_disk_04] [SAT]", "type": "sat+megaraid,4", "protocol": "ATA"}}';
    expect(savedSmartctlArgv('cmd/smartctl/-j_-a.json', json)).toEqual(['smartctl', '-d', 'sat+megaraid,4', '-j', '-a', '/dev/bus/0']);
  });

  it('keeps a 3ware port, whose -d type starts with a digit (`-d 3ware,8 /dev/twa0`)', () => {
    // The head of a real smartctl 6.5 output of a Hitachi HUA722020ALA330 on port 8 of a 3ware 9000-series controller
    // (thomas-krenn/check_smart_attributes issue 42): the port was lost, and the drive named by the controller alone.
    const head = "root@klcloud:~# smartctl -a -d 3ware,8 /dev/twa0\n\nsmartctl 6.5 2016-01-24 r4214 [x86_64-linux-4.4.0-124-generic] (local build)\n";
    expect(savedSmartctlArgv('cmd/smartctl/smartctl.txt', head)).toEqual(['smartctl', '-d', '3ware,8', '/dev/twa0']);
    expect(savedSmartctlArgv('cmd/smartctl/smartctl -d 3ware,8 -a twa0.txt')).toEqual(['smartctl', '-d', '3ware,8', '-a', '/dev/twa0']);
  });

  it('reads the command line as the shell ran it: a typo erased with a backspace, a blog\'s Markdown escapes (`\\-\\-device`)', () => {
    // The head of a real smartctl 6.5 output of a TOSHIBA MG03ACA100 on port 9 of a MegaRAID controller
    // (thomas-krenn/check_smart_attributes issue 25), under the name the corpus saves it as.
    const body = "smartctl 6.5 2016-01-24 r4214 [x86_64-linux-4.4.0-83-generic] (local build)\n\n/dev/sda [megaraid_disk_09] [SAT]: Device open changed type from 'megaraid,9' to 'sat+megaraid,9'\n";
    const name = 'cmd/smartctl/smartctl --all megaraid,9.txt';
    const want = savedSmartctlArgv(name, `# /usr/sbin/smartctl --all --device megaraid,9 /dev/sda\n${body}`);
    expect(want).toEqual(['smartctl', '-d', 'megaraid,9', '--all', '/dev/sda']);
    expect(savedSmartctlArgv(name, `root@node-07:~# smartctl --all --device megaraid,9 /dev/sdax\b\x1b[K\n${body}root@node-07:~# \n`)).toEqual(want);
    expect(savedSmartctlArgv(name, `root@node-07:~# smartctl --all --device megaraid,9 /dev/sdx\ba\n${body}`)).toEqual(want);
    expect(savedSmartctlArgv(name, `# /usr/sbin/smartctl \\-\\-all \\-\\-device megaraid,9 /dev/sda\n${body.replace(/_/g, '\\_')}`)).toEqual(want);
    expect(savedSmartctlArgv('cmd/smartctl/smartctl.txt', `$ sudo smartctl \\-a \\-d megaraid,9 /dev/sda\n${body}`)).toEqual(['smartctl', '-d', 'megaraid,9', '/dev/sda']);
  });

  it('reads an option letter without its dash as the option, not as a device (`smartctl_x.log`, `smartctl a sdb.txt`)', () => {
    expect(savedSmartctlArgv('cmd/smartctl/smartctl_x.log')).toEqual(['smartctl', '-x']);
    expect(savedSmartctlArgv('cmd/smartctl/smartctl a sdb.txt')).toEqual(['smartctl', '-a', '/dev/sdb']);
  });

  it('two SAS drives behind one controller, each pasted HTML-escaped under a name without a device, are two devices', async () => {
    const other = SAS_543.replace('megaraid,3', 'megaraid,4').replace('Z1ZB1QCV0000R642XXXX', 'Z1ZB2ABC0000R643XXXX');
    const tree = treeOf({ 'cmd/smartctl/smartctl.txt': htmlEscaped(SAS_543), 'cmd/smartctl/smartctl-x.txt': htmlEscaped(other) });
    const out = join(tree, 'b.tar.gz');
    await collect({ output: out, root: tree, only: ['ata'], isolation: 'inline' });
    const db = openDatabase(':memory:');
    await loadBundle(db, out);
    const rows = db.prepare(`SELECT device_key, serial FROM devices WHERE class = 'block' ORDER BY device_key`).all();
    expect(rows).toEqual([
      { device_key: 'block:sdb@megaraid,3', serial: 'Z1ZB1QCV0000R642XXXX' },
      { device_key: 'block:sdb@megaraid,4', serial: 'Z1ZB2ABC0000R643XXXX' },
    ]);
  });
});
