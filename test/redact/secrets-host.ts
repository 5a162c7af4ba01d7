import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakehostCopy } from '../helpers/fake-host/fakehost.js';

export const HOSTNAME = 'zanzibar-db07';

/** Secrets planted in (or already present in) the copy of the shared fake host, by kind. */
export const SECRETS = {
  mac: ['b8cef64a102e', 'b8cef64a102f', '3cfdfea1b2c0', '001b21aabbcc', 'a4bf01234567', 'b8cef60a1b2c', '7cfe90112233'],
  eui64: ['b83fd20300a1b2c0', 'b8cef603000a1b2c', '0025384500000001', '3cfdfeffff9a1b40', '500a07510c4a5b6c'],
  uuid: ['4c4c4544005838108059b7c04f395a31', '9a4c1e2f7b3d5e60800012ab34cd56ef', '8a3c1e2f9b77ec1180006cb311a1b2c0', '36344730526019530025384500000001'],
  serial: ['S64HNE0R700123', '14330C4A5B6C', 'MT2231X12345', '3CFDFE9A1B40', 'MT2246X01234', '7X8Y9Z1', 'CNFCP0012345678', 'XYZ-KMSG-0042'],
  hostname: [HOSTNAME],
  ip: ['10.20.30.40', '10.20.30.41', '10.20.30.1', '2a02:1234:abcd::17', 'fe80::a6bf:1ff:fe23:4567'],
};

const KMSG = [
  `6,20,6000000,-;systemd[1]: Hostname set to <${HOSTNAME}>.`,
  '6,21,6100000,-;e1000e 0000:00:1f.6 eth9: (PCI Express:2.5GT/s:Width x1) a4:bf:01:23:45:67',
  '6,22,6200000,-;mlx5_core 0000:3b:00.0 ens1f0np0: renamed from eth0, permanent address B8-CE-F6-4A-10-2E, alias b8cef64a102f',
  '6,23,6300000,-;IPv4: eth9: address 10.20.30.40/24, peer 10.20.30.1, route via 10.20.30.1',
  '6,24,6400000,-;IPv6: ADDRCONF(NETDEV_CHANGE): eth9: link becomes ready, fe80::a6bf:1ff:fe23:4567 and 2a02:1234:abcd::17',
  '6,25,6500000,-;scsi 4:0:0:0: Enclosure  ACME  Shelf  Serial Number: XYZ-KMSG-0042',
  `6,26,6600000,-;nvme nvme0: S64HNE0R700123 ready; ${HOSTNAME} booted; ib0 guid B83F:D203:00A1:B2C0`,
];

function patch(path: string, at: number, bytes: Buffer): void {
  const b = readFileSync(path);
  bytes.copy(b, at);
  writeFileSync(path, b);
}

/** A copy of the shared fake host with secrets planted where real hosts leak them. */
export async function plantSecrets(): Promise<string> {
  const root = await fakehostCopy();
  const p = (rel: string): string => join(root, rel);
  writeFileSync(p('proc/sys/kernel/hostname'), `${HOSTNAME}\n`);
  for (const ib of ['mlx5_0', 'mlx5_1']) writeFileSync(p(`sys/class/infiniband/${ib}/node_desc`), `${HOSTNAME} ${ib}\n`);
  appendFileSync(p('dev/kmsg'), KMSG.join('\n') + '\n');
  writeFileSync(p('proc/cmdline'), readFileSync(p('proc/cmdline'), 'utf8').trimEnd() + ` ip=10.20.30.41::10.20.30.1:255.255.255.0:${HOSTNAME}:eth9:none\n`);
  patch(p('ioctl/net/ens2f0/permaddr.bin'), 8, Buffer.from('001b21aabbcc', 'hex'));
  patch(p('ioctl/fwctl/fwctl0/access-reg-mgir.bin'), 16 + 0x12, Buffer.from('7cfe90112233', 'hex'));
  return root;
}
