import { describe, expect, it } from 'vitest';
import { ataInventory } from '../../analyzer/classes/ata/inventory.js';
import { fillPlaceholders } from '../../analyzer/report/placeholders.js';

describe('remediation placeholders of ata devices', () => {
  const roles = new Map(Object.entries(ataInventory));
  it('fills <port> with the libata port id (ata1.00 → 1.00) beside <BDF>, and leaves the rest', () => {
    expect(fillPlaceholders('libata.force=<port>:nodma', 'ata:dev3.0', { class: 'ata', pci_address: '0000:00:17.0' }, roles)).toBe('libata.force=3.00:nodma');
    expect(fillPlaceholders('libata.force=<port>:nodma', 'ata:dev3.1', { class: 'ata', pci_address: '0000:00:17.0' }, roles)).toBe('libata.force=3.01:nodma');
    expect(fillPlaceholders('libata.force=<port>:nodma -d <BDF>', 'ata:dev12.0', { class: 'ata', pci_address: '0000:00:17.0' }, roles)).toBe('libata.force=12.00:nodma -d 0000:00:17.0');
    expect(fillPlaceholders('libata.force=<port>', 'block:sda', { class: 'block', pci_address: null }, roles)).toBe('libata.force=<port>');
  });
});
