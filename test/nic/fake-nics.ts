import { field, u32s } from '../../collector/fake-host/bytes.js';

/** What a fake network interface answers to each ethtool command (fields after the u32 cmd). */
export interface FakeNic {
  ifname: string;
  drvinfo: {
    driver: string;
    version: string;
    fwVersion: string;
    busInfo: string;
    eromVersion?: string;
    nStats: number;
    testinfoLen: number;
    eedumpLen: number;
    regdumpLen: number;
  };
  /** ethtool_regs.version: the driver's dump format. */
  regsVersion: number;
  privFlags: string[];
  pflags: number;
  ringparam: number[];
  channels: number[];
  coalesce: number[];
  pauseparam: number[];
  fecparam?: number[];
  link: { speed: number; duplex: number; port: number; phyAddress: number; autoneg: number; nwords: number; supported: number[]; advertising: number[]; lpAdvertising: number[] };
  permaddr: string;
  features: { names: string[]; blocks: { available: number; requested: number; active: number; neverChanged: number }[] };
  module?: { type: number; eeprom: Buffer };
  /** Commands this driver does not implement (answer EOPNOTSUPP). */
  unsupported?: number[];
}

export function drvinfoBody(n: FakeNic): Buffer {
  const d = n.drvinfo;
  return Buffer.concat([
    field(d.driver, 32),
    field(d.version, 32),
    field(d.fwVersion, 32),
    field(d.busInfo, 32),
    field(d.eromVersion ?? '', 32),
    Buffer.alloc(12),
    u32s([n.privFlags.length, d.nStats, d.testinfoLen, d.eedumpLen, d.regdumpLen]),
  ]);
}

/** A register dump whose words are recognisable: (index * 0x01010101) ^ version. */
export function regsData(n: FakeNic, len: number): Buffer {
  const b = Buffer.alloc(len);
  for (let i = 0; i + 4 <= len; i += 4) b.writeUInt32LE((((i / 4) * 0x01010101) ^ n.regsVersion) >>> 0, i);
  return b;
}

const KERNEL_RELEASE = '5.14.0-427.13.1.el9_4.x86_64';

/** Netdev feature names as the kernel reports them in ETH_SS_FEATURES (first 40, 6.1 order). */
const FEATURE_NAMES = [
  'tx-scatter-gather', 'tx-checksum-ipv4', 'tx-checksum-ip-generic', 'tx-checksum-ipv6', 'highdma',
  'tx-scatter-gather-fraglist', 'tx-vlan-hw-insert', 'rx-vlan-hw-parse', 'rx-vlan-filter', 'vlan-challenged',
  'tx-generic-segmentation', 'tx-lockless', 'netns-local', 'rx-gro', 'rx-lro', 'tx-tcp-segmentation',
  'tx-gso-robust', 'tx-tcp-ecn-segmentation', 'tx-tcp-mangleid-segmentation', 'tx-tcp6-segmentation',
  'tx-fcoe-segmentation', 'tx-gre-segmentation', 'tx-gre-csum-segmentation', 'tx-ipxip4-segmentation',
  'tx-ipxip6-segmentation', 'tx-udp_tnl-segmentation', 'tx-udp_tnl-csum-segmentation',
  'tx-gso-partial', 'tx-tunnel-remcsum-segmentation', 'tx-sctp-segmentation', 'tx-esp-segmentation',
  'tx-udp-segmentation', 'tx-gso-list', 'tx-checksum-fcoe-crc', 'tx-checksum-sctp', 'fcoe-mtu',
  'rx-ntuple-filter', 'rx-hashing', 'rx-checksum', 'tx-nocache-copy',
];

function features(active0: number, active1: number): FakeNic['features'] {
  return {
    names: FEATURE_NAMES,
    blocks: [
      { available: 0xffdf3bff, requested: active0, active: active0, neverChanged: 0x00001800 },
      { available: 0x000000f0, requested: active1, active: active1, neverChanged: 0 },
    ],
  };
}

/** ETHTOOL_LINK_MODE bits: 10000baseSR_Full = 45 (i40e SFP+), 100000baseCR4_Full = 39 … as u32 words. */
function modes(bits: number[], nwords: number): number[] {
  const words = new Array<number>(nwords).fill(0);
  for (const bit of bits) words[bit >> 5] = (words[bit >> 5]! | (1 << (bit & 31))) >>> 0;
  return words;
}

const MLX5_PRIV_FLAGS = ['rx_cqe_moder', 'tx_cqe_moder', 'rx_cqe_compress', 'rx_striding_rq', 'rx_no_csum_complete', 'xdp_tx_mpwqe', 'skb_tx_mpwqe', 'tx_port_ts'];

function mlx5(ifname: string, bus: string, mac: string): FakeNic {
  return {
    ifname,
    drvinfo: { driver: 'mlx5_core', version: KERNEL_RELEASE, fwVersion: '22.39.1002 (MT_0000000359)', busInfo: bus, nStats: 412, testinfoLen: 0, eedumpLen: 0, regdumpLen: 0 },
    regsVersion: 0,
    privFlags: MLX5_PRIV_FLAGS,
    pflags: 0b1001001, // rx_cqe_moder, rx_striding_rq, skb_tx_mpwqe
    ringparam: [8192, 0, 0, 8192, 1024, 0, 0, 1024],
    channels: [0, 0, 0, 63, 0, 0, 0, 32],
    coalesce: [8, 128, 0, 0, 16, 32, 0, 0, 0, 1, 1, ...new Array<number>(11).fill(0)],
    pauseparam: [0, 1, 1],
    fecparam: [0x10, 0x10, 0], // active and configured: ETHTOOL_FEC_RS (bit 4)
    link: { speed: 100000, duplex: 1, port: 0x05, phyAddress: 0, autoneg: 1, nwords: 4, supported: modes([39, 40, 41, 42, 6], 4), advertising: modes([39, 40, 41, 42, 6], 4), lpAdvertising: modes([39], 4) },
    permaddr: mac,
    features: features(0x0dd74bff, 0x000000c0),
    module: { type: 0x3, eeprom: Buffer.from([0x11, 0x07, 0x06, ...new Array<number>(253).fill(0)]) },
    unsupported: [0x04, 0x0b],
  };
}

const I40E_PRIV_FLAGS = ['MFP', 'total-port-shutdown', 'LinkPolling', 'flow-director-atr', 'veb-stats', 'hw-atr-eviction', 'link-down-on-close', 'legacy-rx', 'disable-source-pruning', 'disable-fw-lldp', 'rs-fec', 'base-r-fec', 'vf-vlan-pruning'];

export const I40E_ENS2F0: FakeNic = {
  ifname: 'ens2f0',
  drvinfo: { driver: 'i40e', version: KERNEL_RELEASE, fwVersion: '9.20 0x8000d8c5 1.3429.0', busInfo: '0000:5e:00.0', nStats: 178, testinfoLen: 5, eedumpLen: 0x800000, regdumpLen: 0x2c18 },
  regsVersion: 1,
  privFlags: I40E_PRIV_FLAGS,
  pflags: 0b000000001000, // flow-director-atr
  ringparam: [4096, 0, 0, 4096, 512, 0, 0, 512],
  channels: [0, 0, 1, 64, 0, 0, 1, 40],
  coalesce: [50, 0, 0, 0, 50, 0, 0, 0, 0, 1, 1, ...new Array<number>(11).fill(0)],
  pauseparam: [0, 1, 1],
  fecparam: [0x4, 0x2, 0], // active ETHTOOL_FEC_OFF, configured ETHTOOL_FEC_AUTO
  link: { speed: 10000, duplex: 1, port: 0x03, phyAddress: 0, autoneg: 0, nwords: 4, supported: modes([45, 46, 12], 4), advertising: modes([45, 12], 4), lpAdvertising: modes([], 4) },
  permaddr: '3c:fd:fe:a1:b2:c0',
  features: features(0x0dd75bff, 0x000000d0),
  module: { type: 0x2, eeprom: Buffer.from([0x03, 0x04, 0x07, ...new Array<number>(509).fill(0)]) },
};

export const MLX5_ENS1F0NP0 = mlx5('ens1f0np0', '0000:3b:00.0', 'b8:ce:f6:4a:10:2e');
export const MLX5_ENS1F1NP1 = mlx5('ens1f1np1', '0000:3b:00.1', 'b8:ce:f6:4a:10:2f');
export const FAKEHOST_NICS: readonly FakeNic[] = [MLX5_ENS1F0NP0, MLX5_ENS1F1NP1, I40E_ENS2F0];
