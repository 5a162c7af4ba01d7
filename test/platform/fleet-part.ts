import type { FleetHostPart } from '../../bench/fleet/host-part.js';

// Server models with a current and an older BIOS, as DMI reports them.
const SERVERS = [
  { vendor: 'Dell Inc.', product: 'PowerEdge R740', bios: '2.20.0', old: '2.19.1' },
  { vendor: 'Dell Inc.', product: 'PowerEdge R750', bios: '1.13.2', old: '1.8.2' },
  { vendor: 'Supermicro', product: 'SYS-2029U-TR4', bios: '3.4', old: '3.1' },
];

const dmi = (d: { settings?: { namespace: string; key: string; value: unknown }[] }, key: string): string =>
  String(d.settings?.find((s) => s.namespace === 'dmi' && s.key === key)?.value ?? '');

/** The server of a synthetic fleet host: its model by generation, an outdated BIOS on a few. */
export const platformFleetPart: FleetHostPart = {
  sources: ['platform'],
  hostWide: true,
  devices: ({ odd, generation }) => {
    const server = SERVERS[generation]!;
    const bios = odd(0.05, 'bios') ? server.old : server.bios;
    return [
      {
        key: 'platform',
        class: 'platform',
        settings: [
          { namespace: 'dmi', key: 'sys_vendor', value: server.vendor },
          { namespace: 'dmi', key: 'product_name', value: server.product },
          { namespace: 'dmi', key: 'bios_version', value: bios },
        ],
      },
    ];
  },
  server: (devices) => {
    const p = devices.find((d) => d.class === 'platform')!;
    return { server: `${dmi(p, 'sys_vendor')} ${dmi(p, 'product_name')}`, bios: dmi(p, 'bios_version') };
  },
};
