import type { UpstreamSource } from '../../../rules/upstream/source.js';
import { generateStorageRules, storageRulesYaml } from './storage-rules.js';
import { readStorageTable, UNUSUAL_DEVS_FILE, UNUSUAL_UAS_FILE, USB_STORAGE_FILE, USB_USUAL_FILE, type StorageTable } from './storage-table.js';

export const usbStorageQuirks: UpstreamSource<StorageTable> = {
  name: 'usb-storage unusual devices',
  files: [UNUSUAL_DEVS_FILE, UNUSUAL_UAS_FILE, USB_USUAL_FILE, USB_STORAGE_FILE],
  tableFile: 'usb/upstream/usb-storage-quirks.json',
  rulesFile: 'usb/usb-storage-quirks.yaml',
  extract: (tree) => readStorageTable((f) => tree.read(f), tree.version),
  render: (t) => storageRulesYaml(t),
  describe(t) {
    const g = generateStorageRules(t);
    return { kernel: t.kernel, file: t.files.map((f) => f.file).join(', '), sha256: t.files[0]!.sha256, rows: t.entries.length, rules: g.rules.length, unreachable: g.left.length };
  },
};
