import { describe, expect, it } from 'vitest';
import { parseSmartctlOutputs } from '../../analyzer/classes/ata/smartctl.js';
import { replaySaved } from '../helpers/replay-tree.js';

/**
 * A person's short sentence under a smartctl -i output (its information section closed by a blank line), where the
 * paste ends: the writer's words around the output, not an unread line of smartctl's. A real SK hynix -i (Russian notes,
 * storage trial 14), with the sentences a reporter adds.
 */
const REAL = `sudo smartctl -i /dev/nvme0n1
smartctl 7.2 2020-12-30 r5155 [x86_64-linux-6.8.0-40-generic] (local build)
Copyright (C) 2002-20, Bruce Allen, Christian Franke, www.smartmontools.org

=== START OF INFORMATION SECTION ===
Model Number:                       SKHynix_HFS001TDE9X084N
Serial Number:                      ANABN85931160C254
Firmware Version:                   41010C22
PCI Vendor/Subsystem ID:            0x1c5c
IEEE OUI Identifier:                0xace42e
Controller ID:                      1
NVMe Version:                       1.3
Number of Namespaces:               1
Namespace 1 Size/Capacity:          1 024 209 543 168 [1,02 TB]
Namespace 1 Formatted LBA Size:     512
Namespace 1 IEEE EUI-64:            ace42e 001681a049
Local Time is:                      Thu Sep 26 09:58:02 2024 MSK
`;
const UNREAD = 'not a "key: value" line of the information section';

describe('smartctl -i, then a person\'s sentence', () => {
  for (const words of ['Any idea? Thanks.', 'Any idea?\nThanks.', 'Is this firmware current? Thanks in advance!', '---\nSent from my phone.']) {
    it(`${JSON.stringify(words)}: text around the output, the drive read as before`, async () => {
      const info = parseSmartctlOutputs(`${REAL.trimEnd()}\n\n${words}\n`).outputs[0]!;
      expect(info.issues.filter((i) => i.line > 1)).toEqual([]);
      expect([info.model, info.serial, info.firmware]).toEqual(['SKHynix_HFS001TDE9X084N', 'ANABN85931160C254', '41010C22']);
      const { db } = await replaySaved('smartctl -i nvme0n1.txt', `${REAL.trimEnd()}\n\n${words}\n`);
      try {
        expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'PARSE-LINE'`).get()).toEqual({ n: 0 });
      } finally {
        db.close();
      }
    });
  }

  it('a sentence among the fields, or one a field follows, is still an unread line of the output', () => {
    const inside = REAL.replace('Controller ID:', 'It was fine yesterday.\nController ID:');
    expect(parseSmartctlOutputs(inside).outputs[0]!.issues.filter((i) => i.line > 1).map((i) => [i.text, i.message])).toEqual([['It was fine yesterday.', UNREAD]]);
    const lines = REAL.trimEnd().split('\n');
    const followed = [...lines.slice(0, -1), '', 'It was fine yesterday.', lines.at(-1)!].join('\n');
    expect(parseSmartctlOutputs(followed).outputs[0]!.issues.filter((i) => i.line > 1).map((i) => [i.text, i.message])).toEqual([['It was fine yesterday.', UNREAD]]);
  });
});
